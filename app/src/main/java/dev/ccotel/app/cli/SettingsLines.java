package dev.ccotel.app.cli;

import dev.ccotel.ports.model.ClaudeSettingsChange;
import dev.ccotel.ports.model.ClaudeSettingsChange.StatusLine;
import dev.ccotel.ports.model.ClaudeSettingsStatus;
import dev.ccotel.ports.service.shellenv.TelemetryEnvPolicy;
import java.util.Optional;

/** What {@code cc} says about Claude Code's settings.json: one line per file, and one about the statusLine. */
final class SettingsLines {

    private static final String LABEL = "claude";

    private SettingsLines() {}

    static String line(String file, String what) {
        return LABEL + "  " + file + ": " + what;
    }

    /** @param removing the change is uninstall's, so an edit took ccotel's entries out */
    static String describe(ClaudeSettingsChange.Edit edit, boolean dryRun, boolean removing) {
        String[] doneAndPlanned = switch (edit) {
            case CREATED_FILE -> new String[] {"created the file with", "would create the file with"};
            case EDITED -> removing ? new String[] {"removed", "would remove"} : new String[] {"updated", "would update"};
            case RESTORED -> new String[] {"wrote back the file as it was, without", "would write back the file as"
                    + " it was, without"};
            case DELETED_FILE -> new String[] {"deleted the file, which held nothing but", "would delete the file,"
                    + " which holds nothing but"};
        };
        return (dryRun ? doneAndPlanned[1] : doneAndPlanned[0]) + " ccotel's entries"
                + (dryRun ? " (dry run)" : "");
    }

    /** The statusLine's line, when there is something to say. */
    static Optional<String> statusLine(StatusLine statusLine, boolean launcherKnown) {
        return Optional.ofNullable(switch (statusLine) {
            case KEPT_OTHER -> "kept your statusLine; to show ccotel's after it run 'ccotel cc install --statusline"
                    + " chain' (or '--statusline replace' to put ccotel's in its place)";
            case CANNOT_CHAIN -> "kept your statusLine: it has no command to chain; '--statusline replace' puts"
                    + " ccotel's in its place";
            case CHAINED -> "statusLine: ccotel's runs yours and adds its part (uninstall puts yours back)";
            case REPLACED -> "statusLine: ccotel's replaces yours (uninstall puts yours back)";
            case RESTORED -> "statusLine: yours is back";
            case SKIPPED -> launcherKnown ? null : "statusLine and SessionStart hook not written: this ccotel was"
                    + " not started through bin/ccotel, so the launcher's path is unknown";
            case UNCHANGED, ADDED, UPDATED, REMOVED -> null;
        });
    }

    static String describe(ClaudeSettingsStatus status) {
        return switch (status.state()) {
            case NO_FILE -> "not installed (no file)";
            case INVALID, UNREADABLE -> "PROBLEM: " + status.detail();
            case READ -> "env " + env(status) + "; statusLine " + switch (status.statusLine()) {
                case CCOTEL -> "ccotel's";
                case CHAINED -> "ccotel's, chained after yours";
                case OTHER -> "someone else's (see 'cc install --statusline chain')";
                case NONE -> "none";
            } + "; SessionStart hook " + (status.hook() ? "present" : "missing");
        };
    }

    private static String env(ClaudeSettingsStatus status) {
        String endpoint = status.env().value(TelemetryEnvPolicy.ENDPOINT).orElse("?");
        return switch (status.envState()) {
            case CURRENT -> "current (" + endpoint + ")";
            case OUTDATED, FOUND -> "outdated (" + endpoint + "; run 'ccotel cc install')";
            case MISSING -> "missing";
        };
    }
}
