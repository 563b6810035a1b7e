package dev.ccotel.ports.in;

import dev.ccotel.ports.model.ClaudeSettingsChange;

/** Points Claude Code's settings.json at ccotel: telemetry variables, statusline and SessionStart hook. */
public interface InstallClaudeSettingsUseCase {
    ClaudeSettingsChange install(InstallClaudeSettingsCommand command);
}
