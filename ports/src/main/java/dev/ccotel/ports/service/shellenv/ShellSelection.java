package dev.ccotel.ports.service.shellenv;

import dev.ccotel.ports.model.ShellFileStatus;
import dev.ccotel.ports.model.ShellKind;
import dev.ccotel.ports.out.ShellProfilePort;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Which shells a command acts on when the user names none. */
final class ShellSelection {

    private ShellSelection() {}

    /**
     * The requested shells, or else every shell that is installed or already carries a block: a block left in
     * the rc file of a shell that has since been removed must still be found by uninstall.
     */
    static List<ShellKind> resolve(Set<ShellKind> requested, ShellProfilePort port) {
        if (!requested.isEmpty()) {
            return Arrays.stream(ShellKind.values()).filter(requested::contains).toList();
        }
        Set<ShellKind> installed = port.installedShells();
        return Arrays.stream(ShellKind.values())
                .filter(shell -> installed.contains(shell) || isConfigured(shell, port))
                .toList();
    }

    private static boolean isConfigured(ShellKind shell, ShellProfilePort port) {
        return port.inspect(shell).stream().anyMatch(ShellFileStatus::hasBlock);
    }
}
