package dev.ccotel.adapter.shellenv;

import dev.ccotel.ports.model.ShellChange;
import dev.ccotel.ports.model.ShellChange.Edit;
import dev.ccotel.ports.model.ShellKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Applies a {@link FilePlan} to one rc file: plan on a snapshot, then re-plan and write under the file lock. */
final class RcFileEditor {

    /** Decides the edit from the file's current text (ISO-8859-1), or from its absence. */
    interface Planner {
        FilePlan plan(Optional<String> current);
    }

    private final RcFileStore store;
    private final FileLocks locks;

    RcFileEditor(RcFileStore store, FileLocks locks) {
        this.store = store;
        this.locks = locks;
    }

    @SuppressWarnings("try") // the lock only has to be held while the body runs
    ShellChange apply(ShellKind shell, Path file, Planner planner, boolean dryRun) {
        String shown = file.toString();
        try {
            Path target = store.target(file);
            Optional<String> before = read(target);
            FilePlan plan = planner.plan(before);
            boolean writes = plan instanceof FilePlan.Write || plan instanceof FilePlan.Delete;
            if (writes) {
                store.checkReplaceable(target);
            }
            if (!writes || dryRun) {
                // A no-op or a refusal needs no lock (and leaves no lock file); a dry run writes nothing at all.
                return describe(shell, shown, before, plan);
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            try (FileLocks.Held held = locks.lock(target)) {
                // Another process may have changed the file since the snapshot: decide again on what is there now.
                before = read(target);
                plan = planner.plan(before);
                store.checkReplaceable(target);
                execute(target, plan);
            }
            return describe(shell, shown, before, plan);
        } catch (IOException e) {
            return new ShellChange.Failed(shell, shown, reason(e));
        }
    }

    private Optional<String> read(Path target) throws IOException {
        return store.read(target).map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1));
    }

    private void execute(Path target, FilePlan plan) throws IOException {
        switch (plan) {
            case FilePlan.Write write -> store.replace(target, write.text().getBytes(StandardCharsets.ISO_8859_1));
            case FilePlan.Delete delete -> store.delete(target);
            case FilePlan.Keep keep -> { }
            case FilePlan.Refuse refuse -> { }
        }
    }

    private static ShellChange describe(ShellKind shell, String shown, Optional<String> before, FilePlan plan) {
        String old = before.orElse("");
        return switch (plan) {
            case FilePlan.Keep keep -> new ShellChange.Unchanged(shell, shown, keep.reason());
            case FilePlan.Refuse refuse -> new ShellChange.Failed(shell, shown, shown + ": " + refuse.reason());
            case FilePlan.Write write ->
                    new ShellChange.Changed(shell, shown, write.edit(), UnifiedDiff.of(shown, old, write.text()));
            case FilePlan.Delete delete ->
                    new ShellChange.Changed(shell, shown, Edit.DELETED_FILE, UnifiedDiff.of(shown, old, ""));
        };
    }

    static String reason(IOException e) {
        if (e instanceof RcFileException) {
            return e.getMessage();
        }
        if (e instanceof FileSystemException fs) {
            String why = fs.getReason() != null ? fs.getReason()
                    : fs instanceof AccessDeniedException ? "permission denied" : fs.getClass().getSimpleName();
            String other = fs.getOtherFile() != null ? " -> " + fs.getOtherFile() : "";
            return fs.getFile() + other + ": " + why + "; the file was left unchanged";
        }
        return e.getMessage() + "; the file was left unchanged";
    }
}
