package dev.ccotel.adapter.sqlite;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The store holds every session's history (and, when the user enabled it, prompt text): ccotel
 * creates its folder 0700 and the file 0600. A folder that already existed keeps its mode; when
 * others may enter it, the daemon says so once at start instead of changing a folder it did not make.
 */
final class StoreFolder {
    private static final System.Logger LOG = System.getLogger(StoreFolder.class.getName());
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private StoreFolder() {}

    /** The warning, or null when only the owner can enter {@code store}'s folder (or the file system has no modes). */
    static String warningFor(Path store) throws IOException {
        Path dir = store.toAbsolutePath().getParent();
        if (dir == null || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return null;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
        if (mode.stream().noneMatch(OTHERS::contains)) {
            return null;
        }
        return "the store's folder " + dir + " is " + PosixFilePermissions.toString(mode) + ": other users may list"
                + " it, and read the store if its file mode allows; 'chmod 700 " + dir + "' keeps it private";
    }

    static void warnIfOthersCanEnter(Path store) throws IOException {
        String warning = warningFor(store);
        if (warning != null) {
            LOG.log(Level.WARNING, warning);
        }
    }
}
