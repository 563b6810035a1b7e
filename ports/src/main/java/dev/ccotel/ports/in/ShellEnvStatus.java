package dev.ccotel.ports.in;

import dev.ccotel.ports.model.ShellFileStatus;
import dev.ccotel.ports.model.ShellKind;
import java.util.List;

/**
 * @param shells the shells that were looked at
 * @param files one entry per shell and start-up file; installed blocks are judged INSTALLED or OUTDATED
 */
public record ShellEnvStatus(List<ShellKind> shells, List<ShellFileStatus> files) {

    public ShellEnvStatus {
        shells = List.copyOf(shells);
        files = List.copyOf(files);
    }

    /** No shell has a current block: Claude Code started from any of them sends nothing to ccotel. */
    public boolean noneCurrent() {
        return files.stream().noneMatch(f -> f.state() == ShellFileStatus.State.INSTALLED);
    }

    /** A file that could not be read or holds a marker without its partner needs the user's attention. */
    public boolean anyProblem() {
        return files.stream().anyMatch(f -> f.state() == ShellFileStatus.State.BROKEN
                || f.state() == ShellFileStatus.State.UNREADABLE);
    }
}
