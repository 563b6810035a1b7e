package dev.ccotel.adapter.shellenv.claudesettings;

import dev.ccotel.adapter.shellenv.claudesettings.SettingsRecord.Before;
import dev.ccotel.adapter.shellenv.claudesettings.SettingsRecord.Entry;
import dev.ccotel.ports.model.CcotelCommands;
import dev.ccotel.ports.model.ClaudeSettingsChange.Edit;
import dev.ccotel.ports.model.ClaudeSettingsChange.StatusLine;
import dev.ccotel.ports.model.ClaudeSettingsEntries;
import dev.ccotel.ports.model.StatusLineChoice;
import dev.ccotel.ports.model.TelemetryEnv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
            Optional<String> refused = env(s, wanted.env());
            if (refused.isPresent()) {
                return new SettingsPlan.Refuse(refused.get());
            }
            StatusLine statusLine = wanted.commands().isEmpty() || wanted.statusLine() == StatusLineChoice.SKIP
                    ? StatusLine.SKIPPED : statusLine(s, wanted.commands().get(), wanted.statusLine());
            if (wanted.commands().isPresent()) {
                refused = hook(s, wanted.commands().get());
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

    private static Optional<String> env(SettingsText s, TelemetryEnv env) {
        if (s.find(List.of("env")).filter(v -> !(v instanceof JsonTree.Obj)).isPresent()) {
            return Optional.of("its \"env\" is not an object; ccotel left the file unchanged");
        }
        s.ensure(List.of("env"), Map.of());
        for (TelemetryEnv.Variable variable : env.variables()) {
            List<String> path = List.of("env", variable.name());
            Optional<JsonTree.Value> value = s.find(path);
            if (value.isEmpty()) {
                s.addMember((JsonTree.Obj) s.find(List.of("env")).orElseThrow(), path, variable.value());
            } else if (!(value.get() instanceof JsonTree.Scalar sc && sc.isString() && sc.text().equals(variable.value()))) {
                s.replace(path, value.get(), JsonStyle.quote(variable.value()));
            }
        }
        // A variable an earlier install set and this one does not (OTEL_LOG_USER_PROMPTS, an interval) goes.
        Set<String> names = env.variables().stream().map(TelemetryEnv.Variable::name).collect(Collectors.toSet());
        for (Entry entry : List.copyOf(s.record.entries()).reversed()) {
            if (entry.path().size() == 2 && entry.path().getFirst().equals("env") && !names.contains(entry.path().get(1))) {
                s.undo(entry);
            }
        }
        return Optional.empty();
    }

    private static StatusLine statusLine(SettingsText s, CcotelCommands commands, StatusLineChoice choice) {
        Optional<JsonTree.Member> member = s.root().member("statusLine");
        if (member.isEmpty()) {
            s.addMember(s.root(), SettingsText.STATUS_LINE, statusLineValue(commands.statusline()));
            return StatusLine.ADDED;
        }
        Optional<JsonTree.Scalar> command = SettingsText.command(member.get().value());
        if (command.isPresent() && CcotelCommands.isStatusline(command.get().text())) {
            String wanted = CcotelCommands.chainedOriginal(command.get().text())
                    .filter(original -> choice != StatusLineChoice.REPLACE).map(commands::chained)
                    .orElse(commands.statusline());
            if (wanted.equals(command.get().text())) {
                return StatusLine.UNCHANGED;
            }
            s.text = JsonEdits.replace(s.text, command.get(), JsonStyle.quote(wanted));
            return StatusLine.UPDATED;
        }
        switch (choice) {
            case CHAIN -> {
                if (command.isEmpty()) {
                    return StatusLine.CANNOT_CHAIN;
                }
                // Only the command changes: the user's padding and layout stay as they are.
                s.replace(SettingsText.STATUS_LINE_COMMAND, command.get(),
                        JsonStyle.quote(commands.chained(command.get().text())));
                return StatusLine.CHAINED;
            }
            case REPLACE -> {
                String indent = s.style.pretty() ? JsonStyle.indentOfLine(s.text, member.get().keyStart()) : null;
                s.replace(SettingsText.STATUS_LINE, member.get().value(),
                        s.style.render(statusLineValue(commands.statusline()), indent));
                return StatusLine.REPLACED;
            }
            default -> {
                return StatusLine.KEPT_OTHER;
            }
        }
    }

    private static Optional<String> hook(SettingsText s, CcotelCommands commands) {
        if (s.find(List.of("hooks")).filter(v -> !(v instanceof JsonTree.Obj)).isPresent()) {
            return Optional.of("its \"hooks\" is not an object; ccotel left the file unchanged");
        }
        s.ensure(List.of("hooks"), Map.of());
        if (s.find(SettingsText.SESSION_START).filter(v -> !(v instanceof JsonTree.Arr)).isPresent()) {
            return Optional.of("its \"hooks\".\"SessionStart\" is not an array; ccotel left the file unchanged");
        }
        s.ensure(SettingsText.SESSION_START, List.of());
        JsonTree.Arr sessionStart = (JsonTree.Arr) s.find(SettingsText.SESSION_START).orElseThrow();
        Optional<JsonTree.Scalar> ours = SettingsText.ccotelHook(sessionStart);
        if (ours.isPresent()) {
            if (!ours.get().text().equals(commands.hook())) {
                s.text = JsonEdits.replace(s.text, ours.get(), JsonStyle.quote(commands.hook()));
            }
            return Optional.empty();
        }
        // Appended, never replacing: the user's other SessionStart hooks keep running.
        JsonEdits.Added added = JsonEdits.appendItem(s.text, s.style, sessionStart,
                Map.of("hooks", List.of(command(commands.hook()))));
        s.text = added.text();
        s.record = s.record.with(SettingsText.appended(added.emptyInner()));
        return Optional.empty();
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

    /** The statusLine's shape as Claude Code 2.1.332 accepted it in the fixtures' capture. */
    private static Map<String, Object> statusLineValue(String command) {
        return command(command);
    }

    private static Map<String, Object> command(String command) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", "command");
        value.put("command", command);
        return value;
    }
}
