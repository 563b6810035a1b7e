package dev.ccotel.ports.in;

import dev.ccotel.ports.model.ClaudeSettingsChange;

/** Takes out of Claude Code's settings.json what install put there, and puts back what it replaced. */
public interface UninstallClaudeSettingsUseCase {
    ClaudeSettingsChange uninstall(UninstallClaudeSettingsCommand command);
}
