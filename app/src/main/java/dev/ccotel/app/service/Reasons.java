package dev.ccotel.app.service;

import java.io.IOException;
import java.nio.file.FileSystemException;

/** An I/O failure as a user reads it: the reason ("Permission denied"), not only the path. */
final class Reasons {
    private Reasons() {}

    static String of(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
