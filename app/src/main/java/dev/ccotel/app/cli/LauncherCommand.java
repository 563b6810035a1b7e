package dev.ccotel.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code statusline} and {@code hook}, listed in the usage so that people find them, but answered by the
 * launcher ({@code bin/ccotel}) in sh and curl, without a JVM, since Claude Code runs them at every
 * refresh. Reaching Java means the launcher did not see them as its first word.
 */
abstract class LauncherCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Unmatched
    java.util.List<String> rest;

    @Override
    public Integer call() {
        String name = spec.name();
        spec.commandLine().getErr().println("ccotel: '" + name + "' is answered by the launcher without starting Java;"
                + " give it as the first word: ccotel " + name + (name.equals("statusline") ? " [--chain COMMAND]" : "")
                + " (options such as --config do not apply: it finds the daemon through the address file the daemon"
                + " writes)");
        return Cli.USAGE;
    }

    @Command(name = "statusline", description = {"Claude Code's statusLine command: this session's cost, today's, the",
            "limits' use and the budgets, from the running daemon (no JVM: answered by the launcher).",
            "--chain COMMAND runs your own statusline first and shows ccotel's part after it."})
    static final class Statusline extends LauncherCommand {
    }

    @Command(name = "hook", description = {"Claude Code's SessionStart hook: tells the daemon where a session runs",
            "(no JVM: answered by the launcher; prints nothing)."})
    static final class Hook extends LauncherCommand {
    }
}
