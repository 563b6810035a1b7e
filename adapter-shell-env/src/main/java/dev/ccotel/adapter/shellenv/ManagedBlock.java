package dev.ccotel.adapter.shellenv;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the managed block in an rc file's text. The text is the file's bytes decoded as ISO-8859-1, so every
 * byte is one char and encoding back gives the same bytes, whatever the file's real encoding.
 *
 * <p>A marker is a line that is exactly the marker, followed by {@code \n}, {@code \r\n}, a lone {@code \r} at
 * the end of the file, or nothing. Anything else (indented, trailing text, inside a longer line) is a look-alike
 * and is left alone: guessing would risk deleting the user's lines.
 */
final class ManagedBlock {

    static final String START = "# >>> ccotel >>>";
    static final String END = "# <<< ccotel <<<";

    sealed interface Scan permits None, Found, Broken {}

    /** No marker at all. */
    record None() implements Scan {}

    /**
     * One well-formed block.
     *
     * @param start offset of the start marker line
     * @param end offset just after the end marker's text, before its line terminator
     * @param newline the start marker line's terminator, the line ending the block was written with
     */
    record Found(int start, int end, String newline) implements Scan {}

    /** Markers that do not form exactly one block; the file must not be edited. */
    record Broken(String reason) implements Scan {}

    private ManagedBlock() {}

    static Scan scan(String text) {
        List<Integer> startLines = new ArrayList<>();
        List<Integer> endLines = new ArrayList<>();
        int start = -1;
        int end = -1;
        String newline = "";
        int pos = 0;
        for (int line = 1; pos < text.length(); line++) {
            int lf = text.indexOf('\n', pos);
            int rawEnd = lf < 0 ? text.length() : lf;
            int contentEnd = rawEnd > pos && text.charAt(rawEnd - 1) == '\r' ? rawEnd - 1 : rawEnd;
            if (isLine(text, pos, contentEnd, START)) {
                startLines.add(line);
                start = pos;
                newline = lf < 0 ? "" : text.substring(contentEnd, lf + 1);
            } else if (isLine(text, pos, contentEnd, END)) {
                endLines.add(line);
                end = contentEnd;
            }
            pos = lf < 0 ? text.length() : lf + 1;
        }
        if (startLines.isEmpty() && endLines.isEmpty()) {
            return new None();
        }
        if (startLines.size() == 1 && endLines.size() == 1 && startLines.get(0) < endLines.get(0)) {
            return new Found(start, end, newline);
        }
        return new Broken(describe(startLines, endLines));
    }

    private static boolean isLine(String text, int from, int to, String marker) {
        return to - from == marker.length() && text.startsWith(marker, from);
    }

    private static String describe(List<Integer> startLines, List<Integer> endLines) {
        String found = "'" + START + "' on line(s) " + lines(startLines)
                + " and '" + END + "' on line(s) " + lines(endLines);
        return "the ccotel markers do not form exactly one block (" + found
                + "); ccotel will not guess which lines are its own, please fix the file by hand";
    }

    private static String lines(List<Integer> lines) {
        return lines.isEmpty() ? "none" : lines.toString().replaceAll("[\\[\\]]", "");
    }
}
