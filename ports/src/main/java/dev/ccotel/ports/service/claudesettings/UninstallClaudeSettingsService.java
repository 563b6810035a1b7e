package dev.ccotel.ports.service.claudesettings;

import dev.ccotel.ports.in.UninstallClaudeSettingsCommand;
import dev.ccotel.ports.in.UninstallClaudeSettingsUseCase;
import dev.ccotel.ports.model.ClaudeSettingsChange;
import dev.ccotel.ports.out.ClaudeSettingsPort;
import java.util.Objects;

public final class UninstallClaudeSettingsService implements UninstallClaudeSettingsUseCase {

    private final ClaudeSettingsPort settings;

    public UninstallClaudeSettingsService(ClaudeSettingsPort settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public ClaudeSettingsChange uninstall(UninstallClaudeSettingsCommand command) {
        return settings.remove(command.dryRun());
    }
}
