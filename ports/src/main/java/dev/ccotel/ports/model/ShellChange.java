package dev.ccotel.ports.model;

import java.util.Objects;

/** What happened (or, in a dry run, would happen) to one start-up file of one shell. */
public sealed interface ShellChange {

    ShellKind shell();

    /** The file as the user knows it (the path in their home, not a symlink's target). */
    String file();

    /** The kind of edit a {@link Changed} file received. */
    enum Edit { CREATED_FILE, ADDED_BLOCK, REPLACED_BLOCK, REMOVED_BLOCK, DELETED_FILE }

    /** The file was (or would be) edited; {@code diff} is a unified diff meant for people, not for patch. */
    record Changed(ShellKind shell, String file, Edit edit, String diff) implements ShellChange {
        public Changed {
            Objects.requireNonNull(shell, "shell");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(edit, "edit");
            Objects.requireNonNull(diff, "diff");
        }
    }

    /** Nothing to do, e.g. the block is already current or there is no block to remove. */
    record Unchanged(ShellKind shell, String file, String reason) implements ShellChange {
        public Unchanged {
            Objects.requireNonNull(shell, "shell");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The file could not be handled and was left exactly as it was. */
    record Failed(ShellKind shell, String file, String reason) implements ShellChange {
        public Failed {
            Objects.requireNonNull(shell, "shell");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
