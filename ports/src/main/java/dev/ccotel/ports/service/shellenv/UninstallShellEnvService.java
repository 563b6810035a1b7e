package dev.ccotel.ports.service.shellenv;

import dev.ccotel.ports.in.ShellEnvResult;
import dev.ccotel.ports.in.UninstallShellEnvCommand;
import dev.ccotel.ports.in.UninstallShellEnvUseCase;
import dev.ccotel.ports.model.ShellChange;
import dev.ccotel.ports.model.ShellKind;
import dev.ccotel.ports.out.ShellProfilePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

public final class UninstallShellEnvService implements UninstallShellEnvUseCase {

    private final ShellProfilePort profiles;

    public UninstallShellEnvService(ShellProfilePort profiles) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
    }

    @Override
    public ShellEnvResult uninstall(UninstallShellEnvCommand command) {
        List<ShellKind> shells = ShellSelection.resolve(command.shells(), profiles);
        List<ShellChange> changes = new ArrayList<>();
        for (ShellKind shell : shells) {
            changes.addAll(profiles.removeBlock(shell, command.dryRun()));
        }
        return new ShellEnvResult(shells, changes);
    }
}
