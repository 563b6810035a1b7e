package dev.ccotel.adapter.shellenv.claudesettings;

import dev.ccotel.adapter.shellenv.claudesettings.SettingsRecord.Added;
import dev.ccotel.adapter.shellenv.claudesettings.SettingsRecord.Appended;
import dev.ccotel.adapter.shellenv.claudesettings.SettingsRecord.Entry;
import dev.ccotel.adapter.shellenv.claudesettings.SettingsRecord.Replaced;
import dev.ccotel.ports.model.CcotelCommands;
import java.util.List;
import java.util.Optional;

/** A settings text being edited, with ccotel's record of what it did to it; every step re-reads the text. */
final class SettingsText {

    static final List<String> STATUS_LINE = List.of("statusLine");
    static final List<String> STATUS_LINE_COMMAND = List.of("statusLine", "command");
    static final List<String> SESSION_START = List.of("hooks", "SessionStart");

    String text;
    SettingsRecord record;
    final JsonStyle style;

    SettingsText(String text, SettingsRecord record) throws JsonTree.InvalidJson {
        this.text = text;
        this.record = record;
        this.style = JsonStyle.of(text, JsonTree.parseObject(text));
    }

    JsonTree.Obj root() {
        try {
            return JsonTree.parseObject(text);
        } catch (JsonTree.InvalidJson e) {
            throw new IllegalStateException("ccotel's own edit broke the JSON: " + e.getMessage(), e);
        }
    }

    Optional<JsonTree.Value> find(List<String> path) {
        JsonTree.Value at = root();
        for (String key : path) {
            if (!(at instanceof JsonTree.Obj obj)) {
                return Optional.empty();
            }
            Optional<JsonTree.Member> member = obj.member(key);
            if (member.isEmpty()) {
                return Optional.empty();
            }
            at = member.get().value();
        }
        return Optional.of(at);
    }

    /** The object's member {@code key}, adding it with {@code empty} (recorded) when it is missing. */
    void ensure(List<String> path, Object empty) {
        if (find(path).isPresent()) {
            return;
        }
        JsonTree.Obj parent = (JsonTree.Obj) find(path.subList(0, path.size() - 1)).orElseThrow();
        addMember(parent, path, empty);
    }

    void addMember(JsonTree.Obj parent, List<String> path, Object value) {
        JsonEdits.Added added = JsonEdits.addMember(text, style, parent, path.getLast(), value);
        text = added.text();
        record = record.with(new Added(path, added.emptyInner()));
    }

    /** Replaces a value; the first replacement of a path records what stood there. */
    void replace(List<String> path, JsonTree.Value value, String raw) {
        if (record.at(path).isEmpty()) {
            record = record.with(new Replaced(path, text.substring(value.start(), value.end())));
        }
        text = JsonEdits.replace(text, value, raw);
    }

    /** The string {@code command} of an object such as a statusLine or a hook. */
    static Optional<JsonTree.Scalar> command(JsonTree.Value value) {
        return value instanceof JsonTree.Obj obj ? obj.member("command").map(JsonTree.Member::value)
                .filter(v -> v instanceof JsonTree.Scalar s && s.isString()).map(JsonTree.Scalar.class::cast)
                : Optional.empty();
    }

    static boolean isCcotelStatusLine(JsonTree.Value value) {
        return command(value).filter(c -> CcotelCommands.isStatusline(c.text())).isPresent();
    }

    /** ccotel's hook command in a SessionStart array (any of its groups). */
    static Optional<JsonTree.Scalar> ccotelHook(JsonTree.Arr sessionStart) {
        return sessionStart.items().stream().flatMap(group -> hooksOf(group).stream())
                .flatMap(hook -> command(hook).stream()).filter(c -> CcotelCommands.isHook(c.text())).findFirst();
    }

    /** Undoes one recorded step, unless what it would remove is no longer ccotel's. True when it changed the text. */
    boolean undo(Entry entry) {
        String before = text;
        switch (entry) {
            case Added added -> {
                JsonTree.Obj parent = (JsonTree.Obj) find(added.path().subList(0, added.path().size() - 1))
                        .filter(JsonTree.Obj.class::isInstance).orElse(null);
                JsonTree.Member member = parent == null ? null : parent.member(added.path().getLast()).orElse(null);
                if (member != null && stillOurs(added.path(), member.value())) {
                    text = JsonEdits.removeMember(text, parent, member, added.emptyInner());
                }
            }
            case Appended appended -> find(appended.path()).filter(JsonTree.Arr.class::isInstance)
                    .map(JsonTree.Arr.class::cast).ifPresent(arr -> {
                        int index = ourGroup(arr);
                        if (index >= 0) {
                            text = JsonEdits.removeItem(text, arr, index, appended.emptyInner());
                        }
                    });
            case Replaced replaced -> find(replaced.path()).filter(v -> stillOurs(replaced.path(), v))
                    .ifPresent(v -> text = JsonEdits.replace(text, v, replaced.original()));
        }
        record = record.without(entry);
        return !text.equals(before);
    }

    /** A container ccotel added goes only when empty; a statusLine only while it is still ccotel's. */
    private static boolean stillOurs(List<String> path, JsonTree.Value value) {
        if (path.equals(STATUS_LINE)) {
            return isCcotelStatusLine(value);
        }
        if (path.equals(STATUS_LINE_COMMAND)) {
            return value instanceof JsonTree.Scalar s && s.isString() && CcotelCommands.isStatusline(s.text());
        }
        return switch (value) {
            case JsonTree.Obj obj -> obj.members().isEmpty();
            case JsonTree.Arr arr -> arr.items().isEmpty();
            case JsonTree.Scalar scalar -> true;
        };
    }

    /** The index of the group that holds ccotel's hook and nothing else, or -1. */
    private static int ourGroup(JsonTree.Arr sessionStart) {
        for (int i = 0; i < sessionStart.items().size(); i++) {
            List<JsonTree.Value> hooks = hooksOf(sessionStart.items().get(i));
            if (hooks.size() == 1 && command(hooks.getFirst()).filter(c -> CcotelCommands.isHook(c.text())).isPresent()
                    && ((JsonTree.Obj) sessionStart.items().get(i)).members().size() == 1) {
                return i;
            }
        }
        return -1;
    }

    private static List<JsonTree.Value> hooksOf(JsonTree.Value group) {
        return group instanceof JsonTree.Obj obj ? obj.member("hooks").map(JsonTree.Member::value)
                .filter(JsonTree.Arr.class::isInstance).map(v -> ((JsonTree.Arr) v).items()).orElse(List.of())
                : List.of();
    }

    static Appended appended(Optional<String> emptyInner) {
        return new Appended(SESSION_START, emptyInner);
    }
}
