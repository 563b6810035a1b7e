package dev.ccotel.adapter.shellenv;

import dev.ccotel.ports.model.ShellKind;
import dev.ccotel.ports.model.TelemetryEnv;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Lines after the block that set or unset one of its variables again: the shell runs them later, so the
 * block's value never reaches Claude Code. Recognises the plain forms ({@code export X=}, {@code X=},
 * {@code declare/typeset -x X=}, {@code unset X}; fish's {@code set ... X}, {@code set -e X}); a
 * variable set through a sourced file or an eval is not seen.
 */
final class LaterOverrides {
    private static final Pattern POSIX = Pattern.compile(
            "\\s*(?:(?:export|declare|typeset|local|readonly)(?:\\s+-\\w+)*\\s+)?([A-Za-z_][A-Za-z0-9_]*)=.*"
                    + "|\\s*unset(?:\\s+-\\w+)*((?:\\s+[A-Za-z_][A-Za-z0-9_]*)+)\\s*(?:[;#].*)?");
    private static final Pattern FISH = Pattern.compile("\\s*set(?:\\s+-\\w+|\\s+--\\w+)*\\s+([A-Za-z_][A-Za-z0-9_]*)\\b.*");

    private LaterOverrides() {}

    /** @param from the offset just after the block's end marker */
    static List<String> find(ShellKind shell, String text, int from, TelemetryEnv block) {
        Set<String> names = block.variables().stream().map(TelemetryEnv.Variable::name).collect(Collectors.toSet());
        List<String> found = new ArrayList<>();
        int line = 1 + (int) text.substring(0, from).chars().filter(c -> c == '\n').count();
        int pos = text.indexOf('\n', from);
        while (pos >= 0 && pos < text.length()) {
            int start = pos + 1;
            line++;
            int lf = text.indexOf('\n', start);
            String content = text.substring(start, lf < 0 ? text.length() : lf);
            content = content.endsWith("\r") ? content.substring(0, content.length() - 1) : content;
            if (setsOneOf(shell, content, names)) {
                found.add("line " + line + ": " + content.strip());
            }
            pos = lf;
        }
        return found;
    }

    private static boolean setsOneOf(ShellKind shell, String line, Set<String> names) {
        Matcher m = (shell == ShellKind.FISH ? FISH : POSIX).matcher(line);
        if (!m.matches()) {
            return false;
        }
        if (m.group(1) != null) {
            return names.contains(m.group(1));
        }
        for (String name : m.group(2).strip().split("\\s+")) {
            if (names.contains(name)) {
                return true;
            }
        }
        return false;
    }
}
