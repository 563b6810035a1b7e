package dev.ccotel.ports.in;

import dev.ccotel.ports.model.ClaudeSettingsStatus;

/** Reads Claude Code's settings.json and judges its telemetry variables against the configuration. */
public interface ClaudeSettingsStatusUseCase {
    ClaudeSettingsStatus status(ClaudeSettingsStatusCommand command);
}
