package dev.ccotel.ports.service.claudesettings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ccotel.ports.fakes.RecordingClaudeSettingsPort;
import dev.ccotel.ports.in.ClaudeSettingsStatusCommand;
import dev.ccotel.ports.in.InstallClaudeSettingsCommand;
import dev.ccotel.ports.in.OtlpProtocol;
import dev.ccotel.ports.in.TelemetryEnvOptions;
import dev.ccotel.ports.in.UninstallClaudeSettingsCommand;
import dev.ccotel.ports.model.CcotelCommands;
import dev.ccotel.ports.model.ClaudeSettingsStatus.EnvState;
import dev.ccotel.ports.model.StatusLineChoice;
import dev.ccotel.ports.service.shellenv.TelemetryEnvPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClaudeSettingsServicesTest {

    private final RecordingClaudeSettingsPort port = new RecordingClaudeSettingsPort();

    @Test
    void install_writesTheShellBlocksVariables_andTheLaunchersCommands() {
        TelemetryEnvOptions options = new TelemetryEnvOptions(4318, Optional.of(Duration.ofSeconds(5)),
                Optional.empty(), true, OtlpProtocol.HTTP_PROTOBUF);

        new InstallClaudeSettingsService(port).install(new InstallClaudeSettingsCommand(options,
                Optional.of("/opt/ccotel/bin/ccotel"), StatusLineChoice.CHAIN, false));

        assertEquals(TelemetryEnvPolicy.decide(options), port.written().orElseThrow().env());
        assertEquals(Optional.of(new CcotelCommands("/opt/ccotel/bin/ccotel")), port.written().orElseThrow().commands());
        assertEquals(StatusLineChoice.CHAIN, port.written().orElseThrow().statusLine());
    }

    @Test
    void dryRuns_reachThePortAsDryRuns() {
        TelemetryEnvOptions options = TelemetryEnvOptions.defaults(4317);
        new InstallClaudeSettingsService(port).install(new InstallClaudeSettingsCommand(options, Optional.empty(),
                StatusLineChoice.KEEP, true));
        new UninstallClaudeSettingsService(port).uninstall(new UninstallClaudeSettingsCommand(true));

        assertEquals(List.of("write (dry run)", "remove (dry run)"), port.calls());
    }

    @Test
    void status_judgesTheEnvAgainstTheConfiguredPorts() {
        ClaudeSettingsStatusService status = new ClaudeSettingsStatusService(port);
        assertEquals(EnvState.MISSING, status.status(new ClaudeSettingsStatusCommand(4317, Optional.empty())).envState());

        new InstallClaudeSettingsService(port).install(new InstallClaudeSettingsCommand(
                TelemetryEnvOptions.defaults(4317), Optional.empty(), StatusLineChoice.KEEP, false));

        assertEquals(EnvState.CURRENT, status.status(new ClaudeSettingsStatusCommand(4317, Optional.empty())).envState());
        assertEquals(EnvState.OUTDATED, status.status(new ClaudeSettingsStatusCommand(4999, Optional.empty())).envState());
    }
}
