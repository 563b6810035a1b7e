package dev.ccotel.ports.in;

import dev.ccotel.ports.model.ShellKind;
import java.util.Set;

/**
 * @param shells the shells to clean up; empty means the shells found on the machine or already configured
 * @param dryRun report the changes without writing
 */
public record UninstallShellEnvCommand(Set<ShellKind> shells, boolean dryRun) {
    public UninstallShellEnvCommand {
        shells = Set.copyOf(shells);
    }
}
