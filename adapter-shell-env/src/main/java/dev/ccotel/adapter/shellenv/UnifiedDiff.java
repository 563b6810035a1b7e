package dev.ccotel.adapter.shellenv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of one contiguous change, for people to read in a dry run. Lines are decoded as UTF-8 only for
 * display (invalid bytes become U+FFFD); the files themselves are never decoded.
 */
final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    /** {@code before} and {@code after} are ISO-8859-1 texts, see {@link ManagedBlock}. */
    static String of(String file, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        int from = Math.max(0, prefix - CONTEXT);
        int trailing = Math.min(suffix, CONTEXT);
        int aTo = a.size() - suffix + trailing;
        int bTo = b.size() - suffix + trailing;
        StringBuilder out = new StringBuilder()
                .append("--- ").append(file).append('\n')
                .append("+++ ").append(file).append('\n')
                .append("@@ -").append(range(from, aTo)).append(" +").append(range(from, bTo)).append(" @@\n");
        a.subList(from, prefix).forEach(line -> out.append(show(' ', line)));
        a.subList(prefix, a.size() - suffix).forEach(line -> out.append(show('-', line)));
        b.subList(prefix, b.size() - suffix).forEach(line -> out.append(show('+', line)));
        a.subList(a.size() - suffix, aTo).forEach(line -> out.append(show(' ', line)));
        return out.toString();
    }

    private static String range(int from, int to) {
        int count = to - from;
        return (count == 0 ? from : from + 1) + "," + count;
    }

    /** Lines with their terminators, so that adding a missing final line break shows as a change. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            int lf = text.indexOf('\n', pos);
            int end = lf < 0 ? text.length() : lf + 1;
            lines.add(text.substring(pos, end));
            pos = end;
        }
        return lines;
    }

    private static String show(char tag, String line) {
        boolean terminated = line.endsWith("\n");
        String body = terminated ? line.substring(0, line.length() - 1) : line;
        body = body.endsWith("\r") ? body.substring(0, body.length() - 1) : body;
        String shown = new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return tag + shown + "\n" + (terminated ? "" : "\\ No newline at end of file\n");
    }
}
