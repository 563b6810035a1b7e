package dev.ccotel.ports.in;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * @param roots folders holding Claude Code's {@code projects} trees ({@code ~/.claude/projects} and the like), each
 *     read with everything under it
 * @param progress told as files are read, for a progress line on a terminal
 */
public record ImportTranscriptsCommand(List<String> roots, Consumer<Progress> progress) {
    public ImportTranscriptsCommand {
        roots = List.copyOf(roots);
        Objects.requireNonNull(progress, "progress");
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no transcript folder to import from");
        }
    }

    /** No progress shown. */
    public static final Consumer<Progress> SILENT = p -> { };

    /** How far an import is: files and bytes of the files to read, read so far and in all. */
    public record Progress(long filesDone, long filesToRead, long bytesDone, long bytesToRead) {}
}
