package dev.ccotel.adapter.shellenv.claudesettings;

import java.util.List;
import java.util.Optional;

/**
 * Splices that add a member or an item, and their exact inverses. An addition goes after the container's last
 * entry as {@code ,<the separator before that entry><new entry>}, so removing the text from the end of the entry
 * before it to the end of the new one gives back every byte. A container that was empty is laid out afresh;
 * what it held between its brackets (nothing, a space, a line break) is returned so that removal can put it back.
 */
final class JsonEdits {

    private JsonEdits() {}

    /** The new text, and what the container held between its brackets when it was empty. */
    record Added(String text, Optional<String> emptyInner) {}

    static Added addMember(String text, JsonStyle style, JsonTree.Obj obj, String key, Object value) {
        List<Integer> starts = obj.members().stream().map(JsonTree.Member::keyStart).toList();
        List<Integer> ends = obj.members().stream().map(m -> m.value().end()).toList();
        return add(text, style, obj.start(), obj.end(), starts, ends, indent -> style.member(key, value, indent));
    }

    static Added appendItem(String text, JsonStyle style, JsonTree.Arr arr, Object value) {
        List<Integer> starts = arr.items().stream().map(JsonTree.Value::start).toList();
        List<Integer> ends = arr.items().stream().map(JsonTree.Value::end).toList();
        return add(text, style, arr.start(), arr.end(), starts, ends, indent -> style.render(value, indent));
    }

    static String removeMember(String text, JsonTree.Obj obj, JsonTree.Member member, Optional<String> emptyInner) {
        List<Integer> starts = obj.members().stream().map(JsonTree.Member::keyStart).toList();
        List<Integer> ends = obj.members().stream().map(m -> m.value().end()).toList();
        return remove(text, obj.start(), obj.end(), starts, ends, obj.members().indexOf(member), emptyInner);
    }

    static String removeItem(String text, JsonTree.Arr arr, int index, Optional<String> emptyInner) {
        List<Integer> starts = arr.items().stream().map(JsonTree.Value::start).toList();
        List<Integer> ends = arr.items().stream().map(JsonTree.Value::end).toList();
        return remove(text, arr.start(), arr.end(), starts, ends, index, emptyInner);
    }

    static String replace(String text, JsonTree.Value value, String raw) {
        return text.substring(0, value.start()) + raw + text.substring(value.end());
    }

    private interface Entry {
        /** The entry, laid out from {@code indent}, or on one line when that is null. */
        String render(String indent);
    }

    private static Added add(String text, JsonStyle style, int open, int close, List<Integer> starts,
            List<Integer> ends, Entry entry) {
        if (starts.isEmpty()) {
            String inner = text.substring(open + 1, close - 1);
            String laidOut;
            if (style.pretty()) {
                String indent = JsonStyle.indentOfLine(text, open);
                laidOut = style.newline() + indent + style.unit() + entry.render(indent + style.unit())
                        + style.newline() + indent;
            } else {
                laidOut = entry.render(null);
            }
            return new Added(text.substring(0, open + 1) + laidOut + text.substring(close - 1), Optional.of(inner));
        }
        int last = starts.size() - 1;
        String separator = JsonStyle.whitespaceBefore(text, starts.get(last));
        boolean multiLine = separator.contains("\n");
        if (!multiLine && last == 0) {
            separator = style.inlineSeparator(); // after '{' there is no separator to copy
        }
        String indent = multiLine ? separator.substring(separator.lastIndexOf('\n') + 1) : null;
        int at = ends.get(last);
        return new Added(text.substring(0, at) + "," + separator + entry.render(indent) + text.substring(at),
                Optional.empty());
    }

    private static String remove(String text, int open, int close, List<Integer> starts, List<Integer> ends,
            int index, Optional<String> emptyInner) {
        if (starts.size() == 1) {
            return text.substring(0, open + 1) + emptyInner.orElse("") + text.substring(close - 1);
        }
        if (index > 0) { // the exact inverse of add: from the end of the entry before it
            return text.substring(0, ends.get(index - 1)) + text.substring(ends.get(index));
        }
        return text.substring(0, starts.get(0)) + text.substring(starts.get(1));
    }
}
