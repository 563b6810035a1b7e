package dev.ccotel.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Checks, before start-up, that a folder the daemon will create or write can be: its nearest existing
 * part must be a folder that this user may write. Creates nothing; the adapter does that.
 */
public final class Folders {
    private Folders() {}

    /** @throws ConfigError naming the key, the path and the cause ("Not a directory", "Permission denied") */
    public static void requireUsable(String key, Path folder) {
        Path absolute = folder.toAbsolutePath();
        for (Path p = absolute; p != null; p = p.getParent()) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(p, BasicFileAttributes.class);
            } catch (java.nio.file.NoSuchFileException missing) {
                continue; // will be created: look at the part above
            } catch (IOException e) {
                throw new ConfigError(key + ": cannot use " + absolute + ": " + p + ": " + IoReasons.of(e));
            }
            if (!attributes.isDirectory()) {
                throw new ConfigError(key + ": cannot use " + absolute + ": " + p
                        + (Files.isSymbolicLink(p) ? " (a symbolic link)" : "") + " is not a folder: Not a directory");
            }
            if (!Files.isWritable(p) || p.equals(absolute) && !Files.isExecutable(p)) {
                throw new ConfigError(key + ": cannot use " + absolute + ": " + p + ": Permission denied");
            }
            return;
        }
    }

    /** Deletes {@code root} and everything in it, deepest first; nothing when it is not there. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
