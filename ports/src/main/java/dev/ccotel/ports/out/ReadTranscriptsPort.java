package dev.ccotel.ports.out;

import dev.ccotel.domain.source.transcript.TranscriptLine;
import dev.ccotel.domain.source.transcript.TranscriptReader;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** Claude Code's transcript files: which there are, and their lines. */
public interface ReadTranscriptsPort {
    /** Every transcript file under the roots (a root that does not exist holds none), each file once. */
    List<TranscriptFile> find(List<String> roots);

    /**
     * Hands each complete line of {@code file} to {@code lines}, with the values {@link TranscriptReader#FIELDS}
     * asks for; lines that are not JSON are counted, not handed.
     */
    FileRead read(TranscriptFile file, Consumer<TranscriptLine> lines);

    /**
     * One file, as found.
     *
     * @param sessionId the session its lines belong to (a sub-agent's file: its parent's)
     * @param subAgent a sub-agent's file, under {@code <session>/subagents/}
     * @param modifiedMillis its modification time, with {@code size} what tells a changed file from an unchanged one
     */
    record TranscriptFile(String path, String sessionId, boolean subAgent, long size, long modifiedMillis) {
        public TranscriptFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /** How reading one file went. */
    sealed interface FileRead {
        /**
         * @param notJson lines that were not JSON, skipped
         * @param cutOff the last line had no end (Claude Code still writing it), left for the next import
         */
        record Read(long bytes, long notJson, boolean cutOff) implements FileRead {}

        /** The file went away or could not be read while it was being read. */
        record Unreadable(String reason, boolean vanished) implements FileRead {}
    }
}
