package dev.ccotel.app.cli;

import dev.ccotel.app.config.ConfigKeys;
import dev.ccotel.app.config.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** A config file that holds the backend token must be private: warn when other users can read it. */
final class ConfigFileCheck {
    private ConfigFileCheck() {}

    static void warnIfReadableByOthers(Settings settings, PrintStream err) {
        if (settings.file().isEmpty() || settings.origin(ConfigKeys.BACKEND_TOKEN) != Settings.Origin.FILE) {
            return; // no token in it: a world-readable config is the norm, and nothing to warn about
        }
        Path file = settings.file().get();
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                err.println("ccotel: warning: " + file + " holds backend.token and is readable by other users;"
                        + " run: chmod 600 " + file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system, or the file went away: nothing to check
        }
    }
}
