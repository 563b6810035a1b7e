package dev.ccotel.ports.in;

import java.util.List;
import java.util.Objects;

/**
 * @param roots folders holding Claude Code's {@code projects} trees ({@code ~/.claude/projects} and the like), each
 *     read with everything under it
 * @param progress told as files are read, for a progress line on a terminal
 */
public record ImportTranscriptsCommand(List<String> roots, ImportProgress progress) {
    public ImportTranscriptsCommand {
        roots = List.copyOf(roots);
        Objects.requireNonNull(progress, "progress");
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no transcript folder to import from");
        }
    }

    /** How far an import is: bytes of the files to read, read so far and in all. */
    @FunctionalInterface
    public interface ImportProgress {
        ImportProgress SILENT = (filesDone, filesToRead, bytesDone, bytesToRead) -> { };

        void read(long filesDone, long filesToRead, long bytesDone, long bytesToRead);
    }
}
