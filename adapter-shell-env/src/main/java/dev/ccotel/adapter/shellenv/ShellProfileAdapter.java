package dev.ccotel.adapter.shellenv;

import dev.ccotel.ports.model.ShellChange;
import dev.ccotel.ports.model.ShellFileStatus;
import dev.ccotel.ports.model.ShellFileStatus.State;
import dev.ccotel.ports.model.ShellKind;
import dev.ccotel.ports.out.ShellProfilePort;
import dev.ccotel.ports.model.TelemetryEnv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The shell-profile port over the real rc files of bash, zsh and fish. */
final class ShellProfileAdapter implements ShellProfilePort {

    private final ShellLocations locations;
    private final ShellDetector detector;
    private final RcFileStore store;
    private final RcFileEditor editor;

    ShellProfileAdapter(ShellLocations locations, ShellDetector detector, RcFileStore store) {
        this.locations = locations;
        this.detector = detector;
        this.store = store;
        this.editor = new RcFileEditor(store, new FileLocks(locations));
    }

    @Override
    public Set<ShellKind> installedShells() {
        return detector.installed();
    }

    @Override
    public List<ShellFileStatus> inspect(ShellKind shell) {
        try {
            List<ShellFileStatus> statuses = new ArrayList<>();
            for (Path file : locations.knownFiles(shell)) {
                statuses.add(inspect(shell, file));
            }
            return statuses;
        } catch (RcFileException e) {
            return List.of(status(shell, ShellLocations.describe(shell), State.UNREADABLE, e.getMessage()));
        }
    }

    @Override
    public List<ShellChange> writeBlock(ShellKind shell, TelemetryEnv env, boolean dryRun) {
        List<String> block = BlockRenderer.lines(shell, env);
        try {
            List<ShellChange> changes = new ArrayList<>();
            for (Path file : locations.installTargets(shell)) {
                changes.add(editor.apply(shell, file, current -> BlockEditor.planInstall(current, block), dryRun));
            }
            return changes;
        } catch (RcFileException e) {
            return List.of(new ShellChange.Failed(shell, ShellLocations.describe(shell), e.getMessage()));
        }
    }

    @Override
    public List<ShellChange> removeBlock(ShellKind shell, boolean dryRun) {
        try {
            List<ShellChange> changes = new ArrayList<>();
            for (Path file : locations.knownFiles(shell)) {
                // fish's drop-in is ccotel's own file; a symlinked one belongs to a dotfile manager and stays.
                boolean deleteWhenEmpty = shell == ShellKind.FISH && !Files.isSymbolicLink(file);
                changes.add(editor.apply(shell, file,
                        current -> BlockEditor.planRemove(current, deleteWhenEmpty), dryRun));
            }
            return changes;
        } catch (RcFileException e) {
            return List.of(new ShellChange.Failed(shell, ShellLocations.describe(shell), e.getMessage()));
        }
    }

    private ShellFileStatus inspect(ShellKind shell, Path file) {
        String shown = file.toString();
        try {
            Optional<byte[]> bytes = store.read(store.target(file));
            if (bytes.isEmpty()) {
                return status(shell, shown, State.NO_FILE, "");
            }
            String text = new String(bytes.get(), StandardCharsets.ISO_8859_1);
            return switch (ManagedBlock.scan(text)) {
                case ManagedBlock.None none -> status(shell, shown, State.NO_BLOCK, "");
                case ManagedBlock.Broken broken -> status(shell, shown, State.BROKEN, broken.reason());
                case ManagedBlock.Found found -> {
                    TelemetryEnv env = BlockParser.parse(shell, text.substring(found.start(), found.end()));
                    yield new ShellFileStatus(shell, shown, State.INSTALLED, Optional.of(env), "",
                            LaterOverrides.find(shell, text, found.end(), env));
                }
            };
        } catch (IOException e) {
            return status(shell, shown, State.UNREADABLE, RcFileEditor.reason(e));
        }
    }

    private static ShellFileStatus status(ShellKind shell, String file, State state, String detail) {
        return new ShellFileStatus(shell, file, state, Optional.empty(), detail);
    }
}
