package dev.ccotel.ports.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code cc install} puts into Claude Code's settings.json.
 *
 * @param env the telemetry variables, for the {@code env} object
 * @param commands the statusline and hook commands; empty when the launcher's path is unknown, and then only
 *     {@code env} is written
 * @param statusLine what to do with a statusLine that is not ccotel's
 */
public record ClaudeSettingsEntries(TelemetryEnv env, Optional<CcotelCommands> commands, StatusLineChoice statusLine) {
    public ClaudeSettingsEntries {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(statusLine, "statusLine");
    }
}
