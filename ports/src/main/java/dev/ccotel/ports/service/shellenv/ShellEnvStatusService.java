package dev.ccotel.ports.service.shellenv;

import dev.ccotel.ports.in.ShellEnvStatus;
import dev.ccotel.ports.in.ShellEnvStatusCommand;
import dev.ccotel.ports.in.ShellEnvStatusUseCase;
import dev.ccotel.ports.model.ShellFileStatus;
import dev.ccotel.ports.model.ShellFileStatus.State;
import dev.ccotel.ports.model.ShellKind;
import dev.ccotel.ports.out.ShellProfilePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

public final class ShellEnvStatusService implements ShellEnvStatusUseCase {

    private final ShellProfilePort profiles;

    public ShellEnvStatusService(ShellProfilePort profiles) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
    }

    @Override
    public ShellEnvStatus status(ShellEnvStatusCommand command) {
        List<ShellKind> shells = ShellSelection.resolve(command.shells(), profiles);
        List<ShellFileStatus> files = new ArrayList<>();
        for (ShellKind shell : shells) {
            for (ShellFileStatus file : profiles.inspect(shell)) {
                files.add(judge(file, command));
            }
        }
        return new ShellEnvStatus(shells, files);
    }

    private static ShellFileStatus judge(ShellFileStatus file, ShellEnvStatusCommand command) {
        if (file.state() != State.INSTALLED) {
            return file;
        }
        boolean current = file.installed().filter(env -> TelemetryEnvPolicy.isCurrent(env, command.receiverPort(),
                command.httpReceiverPort())).isPresent();
        return current ? file : file.withState(State.OUTDATED);
    }
}
