package dev.ccotel.adapter.shellenv;

import dev.ccotel.ports.model.ShellKind;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Which shells are installed, judged from the user's PATH and login shell ($SHELL). */
final class ShellDetector {

    private final Map<String, String> environment;

    ShellDetector(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    Set<ShellKind> installed() {
        Set<ShellKind> found = EnumSet.noneOf(ShellKind.class);
        loginShell().ifPresent(found::add);
        for (ShellKind shell : ShellKind.values()) {
            if (onPath(shell.id())) {
                found.add(shell);
            }
        }
        return found;
    }

    private Optional<ShellKind> loginShell() {
        String shell = environment.getOrDefault("SHELL", "");
        return ShellKind.fromId(shell.substring(shell.lastIndexOf('/') + 1));
    }

    private boolean onPath(String program) {
        for (String entry : environment.getOrDefault("PATH", "").split(":")) {
            // An empty entry means the current folder; that says nothing about the user's shells.
            if (entry.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(entry, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return true;
                }
            } catch (InvalidPathException ignored) {
                // A PATH entry that is not a valid path cannot hold the shell either.
            }
        }
        return false;
    }
}
