package dev.ccotel.ports.in;

import dev.ccotel.ports.model.StatusLineChoice;
import java.util.Objects;
import java.util.Optional;

/**
 * @param launcher the absolute path of the installed {@code bin/ccotel}; empty when unknown (only {@code env}
 *     is then written)
 * @param statusLine what to do with someone else's statusLine
 */
public record InstallClaudeSettingsCommand(TelemetryEnvOptions options, Optional<String> launcher,
        StatusLineChoice statusLine, boolean dryRun) {
    public InstallClaudeSettingsCommand {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(statusLine, "statusLine");
    }
}
