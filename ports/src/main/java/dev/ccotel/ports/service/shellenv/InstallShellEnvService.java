package dev.ccotel.ports.service.shellenv;

import dev.ccotel.ports.in.InstallShellEnvCommand;
import dev.ccotel.ports.in.InstallShellEnvUseCase;
import dev.ccotel.ports.in.ShellEnvResult;
import dev.ccotel.ports.model.ShellChange;
import dev.ccotel.ports.model.ShellKind;
import dev.ccotel.ports.out.ShellProfilePort;
import dev.ccotel.ports.model.TelemetryEnv;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

public final class InstallShellEnvService implements InstallShellEnvUseCase {

    private final ShellProfilePort profiles;

    public InstallShellEnvService(ShellProfilePort profiles) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
    }

    @Override
    public ShellEnvResult install(InstallShellEnvCommand command) {
        TelemetryEnv env = TelemetryEnvPolicy.decide(command.options());
        List<ShellKind> shells = ShellSelection.resolve(command.shells(), profiles);
        List<ShellChange> changes = new ArrayList<>();
        for (ShellKind shell : shells) {
            changes.addAll(profiles.writeBlock(shell, env, command.dryRun()));
        }
        return new ShellEnvResult(shells, changes);
    }
}
