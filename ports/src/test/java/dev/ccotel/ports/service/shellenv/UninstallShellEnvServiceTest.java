package dev.ccotel.ports.service.shellenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.ports.fakes.FailingShellProfilePort;
import dev.ccotel.ports.fakes.RecordingShellProfilePort;
import dev.ccotel.ports.in.ShellEnvResult;
import dev.ccotel.ports.in.TelemetryEnvOptions;
import dev.ccotel.ports.in.UninstallShellEnvCommand;
import dev.ccotel.ports.model.ShellChange;
import dev.ccotel.ports.model.ShellKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UninstallShellEnvServiceTest {

    @Test
    void noShellNamed_alsoCleansShellsThatAreNoLongerInstalled() {
        var port = new RecordingShellProfilePort(Set.of(ShellKind.BASH))
                .withBlock(ShellKind.ZSH, TelemetryEnvPolicy.decide(TelemetryEnvOptions.defaults(4317)));

        ShellEnvResult result = new UninstallShellEnvService(port).uninstall(new UninstallShellEnvCommand(Set.of(), false));

        assertEquals(List.of(ShellKind.BASH, ShellKind.ZSH), result.shells());
        assertEquals(Optional.empty(), port.block(ShellKind.ZSH));
        assertEquals(ShellChange.Edit.REMOVED_BLOCK, ((ShellChange.Changed) result.changes().get(1)).edit());
    }

    @Test
    void dryRun_isPassedThrough() {
        var port = new RecordingShellProfilePort(Set.of())
                .withBlock(ShellKind.FISH, TelemetryEnvPolicy.decide(TelemetryEnvOptions.defaults(4317)));

        new UninstallShellEnvService(port).uninstall(new UninstallShellEnvCommand(Set.of(ShellKind.FISH), true));

        assertTrue(port.block(ShellKind.FISH).isPresent());
        assertTrue(port.calls().getFirst().dryRun());
    }

    @Test
    void failingFile_makesTheResultFailed() {
        ShellEnvResult result = new UninstallShellEnvService(new FailingShellProfilePort("unpaired marker"))
                .uninstall(new UninstallShellEnvCommand(Set.of(ShellKind.BASH), false));

        assertTrue(result.anyFailed());
    }
}
