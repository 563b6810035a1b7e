package dev.ccotel.ports.service.claudesettings;

import dev.ccotel.ports.in.ClaudeSettingsStatusUseCase;
import dev.ccotel.ports.in.ClaudeSettingsStatusCommand;
import dev.ccotel.ports.model.ClaudeSettingsStatus;
import dev.ccotel.ports.model.ClaudeSettingsStatus.EnvState;
import dev.ccotel.ports.out.ClaudeSettingsPort;
import dev.ccotel.ports.service.shellenv.TelemetryEnvPolicy;
import java.util.Objects;

public final class ClaudeSettingsStatusService implements ClaudeSettingsStatusUseCase {

    private final ClaudeSettingsPort settings;

    public ClaudeSettingsStatusService(ClaudeSettingsPort settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public ClaudeSettingsStatus status(ClaudeSettingsStatusCommand command) {
        ClaudeSettingsStatus found = settings.inspect();
        if (found.envState() != EnvState.FOUND) {
            return found;
        }
        boolean current = TelemetryEnvPolicy.isCurrent(found.env(), command.receiverPort(), command.httpReceiverPort());
        return found.withEnvState(current ? EnvState.CURRENT : EnvState.OUTDATED);
    }
}
