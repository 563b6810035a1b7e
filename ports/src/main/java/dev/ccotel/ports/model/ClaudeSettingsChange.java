package dev.ccotel.ports.model;

import java.util.Objects;

/** What happened (or, in a dry run, would happen) to Claude Code's settings.json. */
public sealed interface ClaudeSettingsChange {

    /** The file as the user knows it. */
    String file();

    enum Edit { CREATED_FILE, EDITED, RESTORED, DELETED_FILE }

    /** What became of the statusLine, for the one line the CLI prints about it. */
    enum StatusLine {
        /** ccotel's statusline is there and was left as it was (or there was nothing to undo). */
        UNCHANGED,
        ADDED, CHAINED, REPLACED,
        /** ccotel's own statusLine got the current launcher, or changed between plain and chained. */
        UPDATED,
        /** Someone else's statusLine was kept: install offers {@code --statusline chain|replace}. */
        KEPT_OTHER,
        /** Someone else's statusLine has no command to chain; it was kept. */
        CANNOT_CHAIN,
        /** {@code --statusline skip}, or the launcher's path is unknown. */
        SKIPPED,
        REMOVED,
        /** The statusLine that ccotel had chained or replaced is back. */
        RESTORED
    }

    record Changed(String file, Edit edit, StatusLine statusLine, String diff) implements ClaudeSettingsChange {
        public Changed {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(edit, "edit");
            Objects.requireNonNull(statusLine, "statusLine");
            Objects.requireNonNull(diff, "diff");
        }
    }

    record Unchanged(String file, String reason, StatusLine statusLine) implements ClaudeSettingsChange {
        public Unchanged {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(statusLine, "statusLine");
        }
    }

    /** The file could not be handled (not JSON, unreadable, read-only) and was left exactly as it was. */
    record Failed(String file, String reason) implements ClaudeSettingsChange {
        public Failed {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
