package dev.ccotel.app.cli;

import dev.ccotel.app.config.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** The config file may hold the backend token: warn when other users can read it. */
final class ConfigFileCheck {
    private ConfigFileCheck() {}

    static void warnIfReadableByOthers(Settings settings, PrintStream err) {
        if (settings.file().isEmpty()) {
            return;
        }
        Path file = settings.file().get();
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                err.println("ccotel: warning: " + file + " is readable by other users and may hold backend.token;"
                        + " run: chmod 600 " + file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system, or the file went away: nothing to check
        }
    }
}
