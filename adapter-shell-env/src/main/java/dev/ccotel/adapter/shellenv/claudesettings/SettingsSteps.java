package dev.ccotel.adapter.shellenv.claudesettings;

import dev.ccotel.adapter.shellenv.claudesettings.SettingsRecord.Entry;
import dev.ccotel.ports.model.CcotelCommands;
import dev.ccotel.ports.model.ClaudeSettingsChange.StatusLine;
import dev.ccotel.ports.model.StatusLineChoice;
import dev.ccotel.ports.model.TelemetryEnv;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The three things install puts into settings.json: env variables, the statusLine, the SessionStart hook. */
final class SettingsSteps {

    private SettingsSteps() {}

    static Optional<String> env(SettingsText s, TelemetryEnv env) {
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

    static StatusLine statusLine(SettingsText s, CcotelCommands commands, StatusLineChoice choice) {
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

    static Optional<String> hook(SettingsText s, CcotelCommands commands) {
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

    /** The statusLine's shape as Claude Code 2.1.332 accepted it in the fixtures' capture. */
    private static Map<String, Object> statusLineValue(String command) {
        return command(command);
    }

    static Map<String, Object> command(String command) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", "command");
        value.put("command", command);
        return value;
    }
}
