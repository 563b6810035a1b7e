package dev.ccotel.adapter.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Where sqlite-jdbc loads its native library from. By default it copies the library (1.1 MB) out of its
 * jar into the temporary folder at every start, under a new name, and removes the copy only at a clean
 * exit: every killed process leaves one behind (hundreds had piled up in /tmp here), and every command
 * spends about 35 ms on the copy. Instead, one copy per sqlite-jdbc version and platform ({@code os.name}
 * and {@code os.arch}) is kept in
 * ccotel's cache folder, made once, and sqlite-jdbc is told to load it (its {@code org.sqlite.lib.path}
 * and {@code org.sqlite.lib.name} properties).
 */
public final class NativeLibraryCopy {
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private NativeLibraryCopy() {
    }

    /**
     * Points sqlite-jdbc at the copy in {@code cacheFolder}, making it first when missing; before the
     * first connection. Leaves a choice already made with the two properties alone. When the copy cannot
     * be made (a read-only cache, a platform the jar has no library for), sqlite-jdbc finds its library
     * its own way, as it would without this: a DEBUG line says why.
     *
     * @return the folder the library is loaded from, or empty when sqlite-jdbc is left to find it
     */
    public static Optional<Path> keepIn(Path cacheFolder) {
        if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
            return Optional.empty();
        }
        String name = LibraryLoaderUtil.getNativeLibName();
        // Named after the JVM's platform, known without asking: sqlite-jdbc's own answer (its resource folder)
        // starts a process (uname) each time, which only the first run, the one that copies, needs.
        Path folder = cacheFolder.resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion())
                .resolve(platform(System.getProperty("os.name")) + "-" + platform(System.getProperty("os.arch")));
        Path library = folder.resolve(name);
        try {
            if (!Files.isRegularFile(library)) {
                String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name; // /org/sqlite/native/Linux/x86_64/...
                if (!copy(resource, library)) {
                    log("sqlite-jdbc has no " + resource + " in its jar");
                    return Optional.empty();
                }
            }
        } catch (IOException | RuntimeException e) {
            log("cannot keep sqlite-jdbc's native library in " + folder + " (" + e
                    + "); sqlite-jdbc copies it to the temporary folder itself");
            return Optional.empty();
        }
        System.setProperty(PATH_PROPERTY, folder.toString());
        System.setProperty(NAME_PROPERTY, name);
        return Optional.of(folder);
    }

    private static String platform(String property) {
        return String.valueOf(property).replaceAll("[^A-Za-z0-9_.]", "_");
    }

    /** Only on the way out: the fast path spares starting the JDK's logging. */
    private static void log(String message) {
        System.getLogger(NativeLibraryCopy.class.getName()).log(Level.DEBUG, message);
    }

    /** Copies the jar's library to {@code target} whole or not at all (two processes may race: each renames its own). */
    private static boolean copy(String resource, Path target) throws IOException {
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                return false;
            }
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return true;
        }
    }
}
