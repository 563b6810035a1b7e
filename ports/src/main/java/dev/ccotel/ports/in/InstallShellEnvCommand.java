package dev.ccotel.ports.in;

import dev.ccotel.ports.model.ShellKind;
import java.util.Objects;
import java.util.Set;

/**
 * @param shells the shells to configure; empty means the shells found on the machine or already configured
 * @param dryRun report the changes without writing
 */
public record InstallShellEnvCommand(Set<ShellKind> shells, TelemetryEnvOptions options, boolean dryRun) {
    public InstallShellEnvCommand {
        shells = Set.copyOf(shells);
        Objects.requireNonNull(options, "options");
    }
}
