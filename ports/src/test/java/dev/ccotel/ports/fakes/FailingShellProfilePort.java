package dev.ccotel.ports.fakes;

import dev.ccotel.ports.model.ShellChange;
import dev.ccotel.ports.model.ShellFileStatus;
import dev.ccotel.ports.model.ShellKind;
import dev.ccotel.ports.out.ShellProfilePort;
import dev.ccotel.ports.model.TelemetryEnv;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A shell-profile port whose files are all read-only and unreadable: every shell is installed, nothing works. */
public final class FailingShellProfilePort implements ShellProfilePort {

    private final String reason;

    public FailingShellProfilePort(String reason) {
        this.reason = reason;
    }

    @Override
    public Set<ShellKind> installedShells() {
        return Set.of(ShellKind.values());
    }

    @Override
    public List<ShellFileStatus> inspect(ShellKind shell) {
        return List.of(new ShellFileStatus(shell, RecordingShellProfilePort.fileOf(shell),
                ShellFileStatus.State.UNREADABLE, Optional.empty(), reason));
    }

    @Override
    public List<ShellChange> writeBlock(ShellKind shell, TelemetryEnv env, boolean dryRun) {
        return List.of(new ShellChange.Failed(shell, RecordingShellProfilePort.fileOf(shell), reason));
    }

    @Override
    public List<ShellChange> removeBlock(ShellKind shell, boolean dryRun) {
        return List.of(new ShellChange.Failed(shell, RecordingShellProfilePort.fileOf(shell), reason));
    }
}
