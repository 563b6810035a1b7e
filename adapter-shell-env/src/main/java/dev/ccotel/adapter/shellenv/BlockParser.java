package dev.ccotel.adapter.shellenv;

import dev.ccotel.ports.model.ShellKind;
import dev.ccotel.ports.model.TelemetryEnv;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads back the variables of a block that {@link BlockRenderer} wrote, so that status can report what is set.
 * Lines it does not recognise (a user's edit) are skipped rather than guessed at.
 */
final class BlockParser {

    private static final Pattern POSIX = Pattern.compile("export ([A-Z_][A-Z0-9_]*)=(.*)");
    private static final Pattern FISH = Pattern.compile("set -gx ([A-Z_][A-Z0-9_]*) (.*)");

    private BlockParser() {}

    static TelemetryEnv parse(ShellKind shell, String blockText) {
        Pattern pattern = shell == ShellKind.FISH ? FISH : POSIX;
        List<TelemetryEnv.Variable> variables = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String line : blockText.split("\n")) {
            Matcher m = pattern.matcher(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            if (m.matches() && seen.add(m.group(1))) {
                try {
                    variables.add(new TelemetryEnv.Variable(m.group(1), unquote(shell, m.group(2))));
                } catch (IllegalArgumentException notOurs) {
                    seen.remove(m.group(1));
                }
            }
        }
        return new TelemetryEnv(variables);
    }

    private static String unquote(ShellKind shell, String value) {
        if (value.length() < 2 || !value.startsWith("'") || !value.endsWith("'")) {
            return value;
        }
        String inner = value.substring(1, value.length() - 1);
        return shell == ShellKind.FISH ? fishUnescape(inner) : inner.replace("'\\''", "'");
    }

    private static String fishUnescape(String inner) {
        StringBuilder out = new StringBuilder(inner.length());
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            boolean escape = c == '\\' && i + 1 < inner.length()
                    && (inner.charAt(i + 1) == '\\' || inner.charAt(i + 1) == '\'');
            out.append(escape ? inner.charAt(++i) : c);
        }
        return out.toString();
    }
}
