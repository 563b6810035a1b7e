package dev.ccotel.ports.service.claudesettings;

import dev.ccotel.ports.in.InstallClaudeSettingsCommand;
import dev.ccotel.ports.in.InstallClaudeSettingsUseCase;
import dev.ccotel.ports.model.CcotelCommands;
import dev.ccotel.ports.model.ClaudeSettingsChange;
import dev.ccotel.ports.model.ClaudeSettingsEntries;
import dev.ccotel.ports.out.ClaudeSettingsPort;
import dev.ccotel.ports.service.shellenv.TelemetryEnvPolicy;
import java.util.Objects;

public final class InstallClaudeSettingsService implements InstallClaudeSettingsUseCase {

    private final ClaudeSettingsPort settings;

    public InstallClaudeSettingsService(ClaudeSettingsPort settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public ClaudeSettingsChange install(InstallClaudeSettingsCommand command) {
        // The same variables as the shells' block: a session started from an IDE must send where a shell's does.
        ClaudeSettingsEntries entries = new ClaudeSettingsEntries(TelemetryEnvPolicy.decide(command.options()),
                command.launcher().map(CcotelCommands::new), command.statusLine());
        return settings.write(entries, command.dryRun());
    }
}
