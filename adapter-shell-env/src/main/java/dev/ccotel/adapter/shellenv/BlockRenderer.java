package dev.ccotel.adapter.shellenv;

import dev.ccotel.ports.model.ShellKind;
import dev.ccotel.ports.model.TelemetryEnv;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Writes the managed block in each shell's syntax. The values are printable ASCII (see {@link TelemetryEnv}). */
final class BlockRenderer {

    static final String NOTE = "# Claude Code telemetry -> local ccotel. Managed by: ccotel cc install|uninstall";

    /** Characters that mean nothing special to bash, zsh or fish, so the value can stay unquoted and readable. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_:,./@+-]+");

    private BlockRenderer() {}

    /** The block's lines from start marker to end marker, without line terminators. */
    static List<String> lines(ShellKind shell, TelemetryEnv env) {
        List<String> lines = new ArrayList<>();
        lines.add(ManagedBlock.START);
        lines.add(NOTE);
        for (TelemetryEnv.Variable variable : env.variables()) {
            lines.add(switch (shell) {
                case BASH, ZSH -> "export " + variable.name() + "=" + posixQuote(variable.value());
                case FISH -> "set -gx " + variable.name() + " " + fishQuote(variable.value());
            });
        }
        lines.add(ManagedBlock.END);
        return lines;
    }

    static String posixQuote(String value) {
        return PLAIN.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
    }

    static String fishQuote(String value) {
        // Inside fish's single quotes only \\ and \' are escapes.
        return PLAIN.matcher(value).matches() ? value
                : "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
