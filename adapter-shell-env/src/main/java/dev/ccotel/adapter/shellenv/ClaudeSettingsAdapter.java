package dev.ccotel.adapter.shellenv;

import dev.ccotel.adapter.shellenv.claudesettings.JsonTree;
import dev.ccotel.adapter.shellenv.claudesettings.SettingsEditor;
import dev.ccotel.adapter.shellenv.claudesettings.SettingsInspection;
import dev.ccotel.adapter.shellenv.claudesettings.SettingsPlan;
import dev.ccotel.adapter.shellenv.claudesettings.SettingsRecord;
import dev.ccotel.ports.model.ClaudeSettingsChange;
import dev.ccotel.ports.model.ClaudeSettingsChange.Edit;
import dev.ccotel.ports.model.ClaudeSettingsEntries;
import dev.ccotel.ports.model.ClaudeSettingsStatus;
import dev.ccotel.ports.model.ClaudeSettingsStatus.EnvState;
import dev.ccotel.ports.model.ClaudeSettingsStatus.State;
import dev.ccotel.ports.model.TelemetryEnv;
import dev.ccotel.ports.out.ClaudeSettingsPort;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The settings.json port: the same store, locks and diff as the rc files, plus ccotel's record of its edits.
 * The file is UTF-8 (as Claude Code reads it); decoding and encoding valid UTF-8 gives the same bytes back.
 */
final class ClaudeSettingsAdapter implements ClaudeSettingsPort {

    /** settings.json may come to hold API keys in its env, so a file ccotel creates is the user's alone. */
    private static final String NEW_FILE_MODE = "rw-------";

    private interface Planner {
        SettingsPlan plan(Optional<String> current, Optional<SettingsRecord> record);
    }

    private final ShellLocations locations;
    private final RcFileStore store;
    private final FileLocks locks;
    private final SettingsRecords records;

    ClaudeSettingsAdapter(ShellLocations locations, RcFileStore store) {
        this.locations = locations;
        this.store = store;
        this.locks = new FileLocks(locations);
        this.records = new SettingsRecords(locations, store);
    }

    @Override
    public ClaudeSettingsStatus inspect() {
        String shown = "settings.json";
        try {
            Path file = locations.claudeSettings();
            shown = file.toString();
            Optional<String> text = read(store.target(file));
            if (text.isEmpty()) {
                return status(shown, State.NO_FILE, "");
            }
            SettingsInspection found = SettingsInspection.of(text.get());
            boolean launcherExists = found.launcher().map(Path::of).map(Files::isExecutable).orElse(true);
            return new ClaudeSettingsStatus(shown, State.READ, found.env(),
                    found.env().variables().isEmpty() ? EnvState.MISSING : EnvState.FOUND, found.statusLine(),
                    found.hook(), found.launcher(), launcherExists, "");
        } catch (JsonTree.InvalidJson e) {
            return status(shown, State.INVALID, "not valid JSON: " + e.getMessage());
        } catch (IOException e) {
            return status(shown, State.UNREADABLE, RcFileEditor.reason(e));
        }
    }

    @Override
    public ClaudeSettingsChange write(ClaudeSettingsEntries entries, boolean dryRun) {
        return apply((current, record) -> SettingsEditor.install(current, record, entries), dryRun);
    }

    @Override
    public ClaudeSettingsChange remove(boolean dryRun) {
        return apply(SettingsEditor::uninstall, dryRun);
    }

    @SuppressWarnings("try") // the lock only has to be held while the body runs
    private ClaudeSettingsChange apply(Planner planner, boolean dryRun) {
        String shown = "settings.json";
        try {
            Path file = locations.claudeSettings();
            shown = file.toString();
            Path target = store.target(file);
            Optional<String> before = read(target);
            SettingsPlan plan = planner.plan(before, records.read(target));
            if (plan instanceof SettingsPlan.Refuse || plan instanceof SettingsPlan.Keep || dryRun) {
                return describe(shown, before, plan);
            }
            store.checkReplaceable(target);
            Files.createDirectories(target.toAbsolutePath().getParent());
            try (FileLocks.Held held = locks.lock(target)) {
                // Claude Code (or a second ccotel) may have written the file since: decide again on what is there.
                before = read(target);
                plan = planner.plan(before, records.read(target));
                store.checkReplaceable(target);
                execute(target, plan);
            }
            return describe(shown, before, plan);
        } catch (IOException e) {
            return new ClaudeSettingsChange.Failed(shown, RcFileEditor.reason(e));
        }
    }

    private void execute(Path target, SettingsPlan plan) throws IOException {
        switch (plan) {
            case SettingsPlan.Write write -> {
                // The record first: a record of edits that did not happen finds nothing to undo, but edits
                // without a record could not be undone exactly.
                if (write.record().isPresent()) {
                    records.write(target, write.record().get());
                }
                store.replace(target, write.text().getBytes(StandardCharsets.UTF_8), NEW_FILE_MODE);
                if (write.record().isEmpty()) {
                    records.delete(target);
                }
            }
            case SettingsPlan.Delete delete -> {
                store.delete(target);
                records.delete(target);
            }
            case SettingsPlan.Keep keep -> { }
            case SettingsPlan.Refuse refuse -> { }
        }
    }

    private static ClaudeSettingsChange describe(String shown, Optional<String> before, SettingsPlan plan) {
        String old = before.orElse("");
        return switch (plan) {
            case SettingsPlan.Keep keep -> new ClaudeSettingsChange.Unchanged(shown, keep.reason(), keep.statusLine());
            case SettingsPlan.Refuse refuse -> new ClaudeSettingsChange.Failed(shown, shown + ": " + refuse.reason());
            case SettingsPlan.Write write -> new ClaudeSettingsChange.Changed(shown, write.edit(), write.statusLine(),
                    diff(shown, old, write.text()));
            case SettingsPlan.Delete delete -> new ClaudeSettingsChange.Changed(shown, Edit.DELETED_FILE,
                    delete.statusLine(), diff(shown, old, ""));
        };
    }

    /** {@link UnifiedDiff} takes one char per byte. */
    private static String diff(String shown, String before, String after) {
        return UnifiedDiff.of(shown, latin1(before), latin1(after));
    }

    private static String latin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private Optional<String> read(Path target) throws IOException {
        Optional<byte[]> bytes = store.read(target);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.get())).toString());
        } catch (CharacterCodingException e) {
            throw new RcFileException(target + " is not UTF-8 text; ccotel left it unchanged");
        }
    }

    private static ClaudeSettingsStatus status(String file, State state, String detail) {
        return new ClaudeSettingsStatus(file, state, new TelemetryEnv(List.of()), EnvState.MISSING,
                ClaudeSettingsStatus.StatusLine.NONE, false, Optional.empty(), true, detail);
    }
}
