package dev.ccotel.ports.service.shellenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.ports.fakes.FailingShellProfilePort;
import dev.ccotel.ports.fakes.RecordingShellProfilePort;
import dev.ccotel.ports.in.ShellEnvStatus;
import dev.ccotel.ports.in.ShellEnvStatusCommand;
import dev.ccotel.ports.in.TelemetryEnvOptions;
import dev.ccotel.ports.model.ShellFileStatus;
import dev.ccotel.ports.model.ShellFileStatus.State;
import dev.ccotel.ports.model.ShellKind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShellEnvStatusServiceTest {

    @Test
    void blockForAnotherPort_isOutdated_blockForThisPort_isInstalled() {
        var port = new RecordingShellProfilePort(Set.of(ShellKind.BASH))
                .withBlock(ShellKind.ZSH, TelemetryEnvPolicy.decide(TelemetryEnvOptions.defaults(4317)))
                .withBlock(ShellKind.FISH, TelemetryEnvPolicy.decide(TelemetryEnvOptions.defaults(4000)));

        ShellEnvStatus status = new ShellEnvStatusService(port).status(new ShellEnvStatusCommand(Set.of(), 4317));

        assertEquals(List.of(State.NO_BLOCK, State.INSTALLED, State.OUTDATED),
                status.files().stream().map(ShellFileStatus::state).toList());
        assertFalse(status.anyProblem());
        assertTrue(port.calls().isEmpty(), "status never writes");
    }

    @Test
    void unreadableFile_isAProblem() {
        ShellEnvStatus status = new ShellEnvStatusService(new FailingShellProfilePort("permission denied"))
                .status(new ShellEnvStatusCommand(Set.of(ShellKind.FISH), 4317));

        assertTrue(status.anyProblem());
        assertEquals("permission denied", status.files().getFirst().detail());
    }
}
