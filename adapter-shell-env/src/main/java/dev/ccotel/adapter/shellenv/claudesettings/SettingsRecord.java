package dev.ccotel.adapter.shellenv.claudesettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What ccotel added to or replaced in one settings.json, in the order it did so; undone in reverse order, each
 * step is the exact inverse of its splice, so an otherwise untouched file comes back byte for byte. Kept beside
 * ccotel's lock files, not in settings.json: Claude Code validates its settings, and the user's file should hold
 * nothing but what Claude Code reads.
 *
 * @param before what the file was before ccotel first wrote it
 * @param blank the text of a file that held only whitespace (before is BLANK), to write back
 */
public record SettingsRecord(Before before, String blank, List<Entry> entries) {

    public enum Before { OBJECT, ABSENT, BLANK }

    public SettingsRecord {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(blank, "blank");
        entries = List.copyOf(entries);
    }

    /** One step of ccotel's, at a path of keys from the top-level object. */
    public sealed interface Entry {
        List<String> path();
    }

    /** A member ccotel added; {@code emptyInner} is what its object held when it was empty. */
    public record Added(List<String> path, Optional<String> emptyInner) implements Entry {}

    /** ccotel's SessionStart group, appended to the array at {@code path}. */
    public record Appended(List<String> path, Optional<String> emptyInner) implements Entry {}

    /** A value ccotel replaced; {@code original} is its text as it stood in the file. */
    public record Replaced(List<String> path, String original) implements Entry {}

    SettingsRecord with(Entry entry) {
        List<Entry> more = new ArrayList<>(entries);
        more.add(entry);
        return new SettingsRecord(before, blank, more);
    }

    SettingsRecord without(Entry entry) {
        List<Entry> fewer = new ArrayList<>(entries);
        fewer.remove(entry);
        return new SettingsRecord(before, blank, fewer);
    }

    Optional<Entry> at(List<String> path) {
        return entries.stream().filter(e -> e.path().equals(path)).findFirst();
    }

    public String toJson() {
        List<Object> list = new ArrayList<>();
        for (Entry entry : entries) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("op", switch (entry) {
                case Added a -> "added";
                case Appended a -> "appended";
                case Replaced r -> "replaced";
            });
            item.put("path", entry.path());
            switch (entry) {
                case Added a -> a.emptyInner().ifPresent(inner -> item.put("emptyInner", inner));
                case Appended a -> a.emptyInner().ifPresent(inner -> item.put("emptyInner", inner));
                case Replaced r -> item.put("original", r.original());
            }
            list.add(item);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("before", before.name());
        root.put("blank", blank);
        root.put("entries", list);
        return JsonStyle.DEFAULT.render(root, "") + "\n";
    }

    public static SettingsRecord fromJson(String json) throws JsonTree.InvalidJson {
        JsonTree.Obj root = JsonTree.parseObject(json);
        try {
            Before before = Before.valueOf(string(root, "before").orElseThrow());
            List<Entry> entries = new ArrayList<>();
            for (JsonTree.Value value : ((JsonTree.Arr) root.member("entries").orElseThrow().value()).items()) {
                JsonTree.Obj item = (JsonTree.Obj) value;
                List<String> path = ((JsonTree.Arr) item.member("path").orElseThrow().value()).items().stream()
                        .map(v -> ((JsonTree.Scalar) v).text()).toList();
                entries.add(switch (string(item, "op").orElseThrow()) {
                    case "added" -> new Added(path, string(item, "emptyInner"));
                    case "appended" -> new Appended(path, string(item, "emptyInner"));
                    case "replaced" -> new Replaced(path, string(item, "original").orElseThrow());
                    default -> throw new IllegalArgumentException("unknown op");
                });
            }
            return new SettingsRecord(before, string(root, "blank").orElse(""), entries);
        } catch (RuntimeException e) {
            throw new JsonTree.InvalidJson("not a record of ccotel's: " + e);
        }
    }

    private static Optional<String> string(JsonTree.Obj obj, String key) {
        return obj.member(key).map(JsonTree.Member::value).filter(v -> v instanceof JsonTree.Scalar s && s.isString())
                .map(v -> ((JsonTree.Scalar) v).text());
    }
}
