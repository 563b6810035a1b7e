package dev.ccotel.adapter.shellenv.claudesettings;

import java.util.List;
import java.util.Map;

/**
 * How a settings file is laid out, read from the file itself, so that inserted members look like the user's:
 * line ending, indent unit (two or four spaces, a tab), the text between a key and its value, and whether the
 * top-level object is on one line.
 *
 * @param inlineSeparator what follows a comma in a one-line object ({@code " "} or nothing)
 */
record JsonStyle(String newline, String unit, String colon, String inlineSeparator, boolean pretty) {

    /** What Claude Code itself writes: {@code JSON.stringify(settings, null, 2)}. */
    static final JsonStyle DEFAULT = new JsonStyle("\n", "  ", ": ", " ", true);

    static JsonStyle of(String text, JsonTree.Obj root) {
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        if (root.members().isEmpty()) {
            return new JsonStyle(newline, DEFAULT.unit(), DEFAULT.colon(), DEFAULT.inlineSeparator(), true);
        }
        JsonTree.Member first = root.members().getFirst();
        String before = whitespaceBefore(text, first.keyStart());
        boolean pretty = before.contains("\n");
        String unit = pretty ? before.substring(before.lastIndexOf('\n') + 1) : DEFAULT.unit();
        String colon = text.substring(first.keyEnd(), first.value().start());
        if (colon.contains("\n") || colon.contains("\r")) {
            colon = DEFAULT.colon();
        }
        String inline = colon.endsWith(" ") ? " " : "";
        if (root.members().size() > 1) {
            inline = whitespaceBefore(text, root.members().get(1).keyStart());
            inline = inline.contains("\n") ? " " : inline;
        }
        return new JsonStyle(newline, unit.isEmpty() ? DEFAULT.unit() : unit, colon, inline, pretty);
    }

    /** The run of JSON whitespace that ends at {@code end}. */
    static String whitespaceBefore(String text, int end) {
        int start = end;
        while (start > 0 && " \t\r\n".indexOf(text.charAt(start - 1)) >= 0) {
            start--;
        }
        return text.substring(start, end);
    }

    /** The indentation of the line that holds {@code offset}. */
    static String indentOfLine(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int i = lineStart;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(lineStart, i);
    }

    /** {@code "key": value} for a member whose line is indented by {@code indent} (null: on one line). */
    String member(String key, Object value, String indent) {
        return quote(key) + colon + render(value, indent);
    }

    /**
     * A String, a {@code Map<String, ?>} or a {@code List<?>} as JSON: over several lines, indented from
     * {@code indent}, or on one line when {@code indent} is null.
     */
    String render(Object value, String indent) {
        return switch (value) {
            case String s -> quote(s);
            case Map<?, ?> map when map.isEmpty() -> "{}";
            case List<?> list when list.isEmpty() -> "[]";
            case Map<?, ?> map -> "{" + join(map.entrySet().stream()
                    .map(e -> member((String) e.getKey(), e.getValue(), inner(indent))).toList(), indent) + "}";
            case List<?> list -> "[" + join(list.stream().map(item -> render(item, inner(indent))).toList(), indent)
                    + "]";
            default -> throw new IllegalArgumentException("cannot render " + value.getClass());
        };
    }

    private String inner(String indent) {
        return indent == null ? null : indent + unit;
    }

    private String join(List<String> parts, String indent) {
        if (indent == null) {
            return String.join("," + inlineSeparator, parts);
        }
        String inner = newline + indent + unit;
        return inner + String.join("," + inner, parts) + newline + indent;
    }

    /** A JSON string; non-ASCII stays as it is (the file is UTF-8), as JSON.stringify writes it. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
