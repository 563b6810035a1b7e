package dev.ccotel.app.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * An I/O failure as a user reads it: the cause ("Permission denied", "Not a directory"), not only the
 * path. The JDK leaves the reason empty for some errors and says it with the exception's class instead.
 */
public final class IoReasons {
    private IoReasons() {}

    /**
     * The cause of failing to reach {@code path}. The JDK reports a path below a regular file
     * ({@code ENOTDIR}) as "no such file", which sends a user looking for the wrong mistake.
     */
    public static String of(IOException e, Path path) {
        if (e instanceof NoSuchFileException) {
            for (Path p = path.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
                if (Files.exists(p)) {
                    return Files.isDirectory(p) ? of(e) : "Not a directory (" + p + " is a file)";
                }
            }
        }
        return of(e);
    }

    public static String of(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isBlank()) {
            return f.getReason();
        }
        return switch (e) {
            case AccessDeniedException a -> "Permission denied";
            case NoSuchFileException n -> "No such file or directory";
            case NotDirectoryException n -> "Not a directory";
            case FileAlreadyExistsException f -> "File exists";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
