package dev.ccotel.ports.service.shellenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.ports.fakes.FailingShellProfilePort;
import dev.ccotel.ports.fakes.RecordingShellProfilePort;
import dev.ccotel.ports.in.InstallShellEnvCommand;
import dev.ccotel.ports.in.ShellEnvResult;
import dev.ccotel.ports.in.TelemetryEnvOptions;
import dev.ccotel.ports.model.ShellChange;
import dev.ccotel.ports.model.ShellKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstallShellEnvServiceTest {

    private static InstallShellEnvCommand command(Set<ShellKind> shells, boolean dryRun) {
        return new InstallShellEnvCommand(shells, TelemetryEnvOptions.defaults(4317), dryRun);
    }

    @Test
    void noShellNamed_installsIntoInstalledShellsAndShellsThatAlreadyHaveABlock() {
        var port = new RecordingShellProfilePort(Set.of(ShellKind.ZSH))
                .withBlock(ShellKind.FISH, TelemetryEnvPolicy.decide(TelemetryEnvOptions.defaults(1)));

        ShellEnvResult result = new InstallShellEnvService(port).install(command(Set.of(), false));

        assertEquals(List.of(ShellKind.ZSH, ShellKind.FISH), result.shells());
        assertEquals(TelemetryEnvPolicy.decide(TelemetryEnvOptions.defaults(4317)),
                port.block(ShellKind.FISH).orElseThrow(), "the stale block is replaced");
    }

    @Test
    void namedShells_areTheOnlyOnesTouched_inShellOrder() {
        var port = new RecordingShellProfilePort(Set.of(ShellKind.values()));

        ShellEnvResult result = new InstallShellEnvService(port)
                .install(command(Set.of(ShellKind.FISH, ShellKind.BASH), false));

        assertEquals(List.of(ShellKind.BASH, ShellKind.FISH), result.shells());
        assertEquals(List.of(ShellKind.BASH, ShellKind.FISH),
                port.calls().stream().map(RecordingShellProfilePort.Call::shell).toList());
    }

    @Test
    void portGetsTheVariablesTheCoreDecidedAndTheDryRunFlag() {
        var port = new RecordingShellProfilePort(Set.of(ShellKind.BASH));

        new InstallShellEnvService(port).install(command(Set.of(), true));

        var call = port.calls().getFirst();
        assertEquals(Optional.of(TelemetryEnvPolicy.decide(TelemetryEnvOptions.defaults(4317))), call.env());
        assertTrue(call.dryRun());
        assertEquals(Optional.empty(), port.block(ShellKind.BASH), "a dry run writes nothing");
    }

    @Test
    void nothingInstalledAndNothingConfigured_handlesNoShell() {
        ShellEnvResult result = new InstallShellEnvService(new RecordingShellProfilePort(Set.of()))
                .install(command(Set.of(), false));

        assertEquals(List.of(), result.shells());
        assertFalse(result.anyFailed());
    }

    @Test
    void failingFile_makesTheResultFailed() {
        ShellEnvResult result = new InstallShellEnvService(new FailingShellProfilePort("read-only"))
                .install(command(Set.of(ShellKind.ZSH), false));

        assertTrue(result.anyFailed());
        assertEquals(List.of(new ShellChange.Failed(ShellKind.ZSH, "~/.zshrc", "read-only")), result.changes());
    }
}
