package dev.ccotel.ports.in;

import dev.ccotel.ports.model.ShellChange;
import dev.ccotel.ports.model.ShellKind;
import java.util.List;

/**
 * The outcome of an install or uninstall.
 *
 * @param shells the shells that were handled (empty when none was requested and none was found)
 * @param changes one entry per shell and file, in shell order
 */
public record ShellEnvResult(List<ShellKind> shells, List<ShellChange> changes) {

    public ShellEnvResult {
        shells = List.copyOf(shells);
        changes = List.copyOf(changes);
    }

    /** Whether any file of any handled shell failed; such a run must end with a non-zero exit code. */
    public boolean anyFailed() {
        return changes.stream().anyMatch(ShellChange.Failed.class::isInstance);
    }
}
