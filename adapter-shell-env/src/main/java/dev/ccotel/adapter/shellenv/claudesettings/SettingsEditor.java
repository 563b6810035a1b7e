package dev.ccotel.adapter.shellenv.claudesettings;

import dev.ccotel.adapter.shellenv.claudesettings.SettingsRecord.Before;
import dev.ccotel.adapter.shellenv.claudesettings.SettingsRecord.Entry;
import dev.ccotel.ports.model.CcotelCommands;
import dev.ccotel.ports.model.ClaudeSettingsChange.Edit;
import dev.ccotel.ports.model.ClaudeSettingsChange.StatusLine;
import dev.ccotel.ports.model.ClaudeSettingsEntries;
import dev.ccotel.ports.model.StatusLineChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Plans the edit of settings.json's text: pure, no file access. See {@link JsonEdits} for why undo is exact. */
public final class SettingsEditor {

    /** The text install starts from when there is no file (or only whitespace). */
    static final String NEW_FILE = "{}\n";

    private SettingsEditor() {}

    public static SettingsPlan install(Optional<String> current, Optional<SettingsRecord> saved,
            ClaudeSettingsEntries wanted) {
        SettingsRecord record;
        String start;
        if (current.isEmpty() || current.get().isBlank()) {
            start = NEW_FILE;
            record = current.isEmpty() ? new SettingsRecord(Before.ABSENT, "", List.of())
                    : new SettingsRecord(Before.BLANK, current.get(), List.of());
        } else {
            start = current.get();
            record = saved.orElse(new SettingsRecord(Before.OBJECT, "", List.of()));
        }
        try {
            SettingsText s = new SettingsText(start, record);
            Optional<String> refused = SettingsSteps.env(s, wanted.env());
            if (refused.isPresent()) {
                return new SettingsPlan.Refuse(refused.get());
            }
            StatusLine statusLine = wanted.commands().isEmpty() || wanted.statusLine() == StatusLineChoice.SKIP
                    ? StatusLine.SKIPPED : SettingsSteps.statusLine(s, wanted.commands().get(), wanted.statusLine());
            if (wanted.commands().isPresent()) {
                refused = SettingsSteps.hook(s, wanted.commands().get());
                if (refused.isPresent()) {
                    return new SettingsPlan.Refuse(refused.get());
                }
            }
            if (current.isPresent() && s.text.equals(current.get())) {
                return new SettingsPlan.Keep("ccotel's entries are up to date", statusLine);
            }
            Edit edit = current.isEmpty() ? Edit.CREATED_FILE : Edit.EDITED;
            return new SettingsPlan.Write(s.text, edit, statusLine, Optional.of(s.record));
        } catch (JsonTree.InvalidJson e) {
            return invalid(e);
        }
    }

    public static SettingsPlan uninstall(Optional<String> current, Optional<SettingsRecord> saved) {
        if (current.isEmpty()) {
            return new SettingsPlan.Keep("the file does not exist", StatusLine.UNCHANGED);
        }
        if (current.get().isBlank()) {
            return new SettingsPlan.Keep("the file holds nothing", StatusLine.UNCHANGED);
        }
        try {
            SettingsText s = new SettingsText(current.get(), saved.orElse(new SettingsRecord(Before.OBJECT, "",
                    List.of())));
            List<Entry> steps = new ArrayList<>(saved.isPresent() ? saved.get().entries() : recognised(s));
            StatusLine statusLine = StatusLine.UNCHANGED;
            for (Entry entry : steps.reversed()) {
                boolean undone = s.undo(entry);
                if (undone && entry.path().getFirst().equals("statusLine")) {
                    statusLine = entry instanceof SettingsRecord.Added ? StatusLine.REMOVED : StatusLine.RESTORED;
                }
            }
            Before before = saved.map(SettingsRecord::before).orElse(Before.OBJECT);
            if (s.text.equals(current.get())) {
                return new SettingsPlan.Keep("nothing of ccotel's in it", statusLine);
            }
            if (s.text.equals(NEW_FILE) && before == Before.ABSENT) {
                return new SettingsPlan.Delete(statusLine);
            }
            if (s.text.equals(NEW_FILE) && before == Before.BLANK) {
                return new SettingsPlan.Write(saved.get().blank(), Edit.RESTORED, statusLine, Optional.empty());
            }
            return new SettingsPlan.Write(s.text, Edit.EDITED, statusLine, Optional.empty());
        } catch (JsonTree.InvalidJson e) {
            return invalid(e);
        }
    }

    static SettingsPlan.Refuse invalid(JsonTree.InvalidJson e) {
        return new SettingsPlan.Refuse("not valid JSON (" + e.getMessage() + "); ccotel edits only plain JSON,"
                + " without comments or trailing commas, and left the file unchanged");
    }

    /** Without a record (deleted, or written by hand): ccotel's statusLine and hook, recognised by their commands. */
    private static List<Entry> recognised(SettingsText s) {
        List<Entry> steps = new ArrayList<>();
        s.find(SettingsText.STATUS_LINE_COMMAND).filter(v -> v instanceof JsonTree.Scalar sc && sc.isString())
                .map(v -> ((JsonTree.Scalar) v).text()).filter(CcotelCommands::isStatusline).ifPresent(command ->
                        steps.add(CcotelCommands.chainedOriginal(command)
                                .<Entry>map(original -> new SettingsRecord.Replaced(SettingsText.STATUS_LINE_COMMAND,
                                        JsonStyle.quote(original)))
                                .orElse(new SettingsRecord.Added(SettingsText.STATUS_LINE, Optional.empty()))));
        s.find(SettingsText.SESSION_START).filter(JsonTree.Arr.class::isInstance)
                .flatMap(arr -> SettingsText.ccotelHook((JsonTree.Arr) arr))
                .ifPresent(hook -> steps.add(SettingsText.appended(Optional.empty())));
        return steps;
    }

}
