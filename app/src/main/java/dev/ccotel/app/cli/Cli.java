package dev.ccotel.app.cli;

import dev.ccotel.adapter.shellenv.ShellEnvAdapterFactory;
import dev.ccotel.adapter.sqlite.StoreInUseException;
import dev.ccotel.app.config.ConfigError;
import dev.ccotel.app.config.ConfigKeys;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/** Builds the command line and runs it; the exit code says how it went (0, 1 runtime, 2 usage/config). */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private Cli() {}

    /** The OTLP/HTTP port {@code cc} writes for http/* protocols; 0 when that listener is off. */
    private static int httpPort(dev.ccotel.app.config.Settings settings) {
        return settings.bool(ConfigKeys.RECEIVER_HTTP_ENABLED)
                ? settings.integer(ConfigKeys.RECEIVER_HTTP_PORT, 0, 65_535) : 0;
    }

    public static int run(String[] args, Map<String, String> environment, Clock clock, PrintStream out, PrintStream err) {
        return commandLine(environment, clock, out, err).execute(args);
    }

    /** The whole command tree, ready to execute; also what the completion scripts are generated from. */
    static CommandLine commandLine(Map<String, String> environment, Clock clock, PrintStream out, PrintStream err) {
        CcotelCommand top = new CcotelCommand(environment, clock, out, err);
        CommandLine cli = new CommandLine(top);
        // Before setOut/setErr: picocli hands its writers only to subcommands that exist by then.
        // The port is read when a cc subcommand runs, after --config and --set were parsed.
        cli.addSubcommand(new CcCommand(
                () -> top.settings(Map.of()).integer(ConfigKeys.RECEIVER_PORT, 1, 65_535),
                () -> httpPort(top.settings(Map.of())), environment, ShellEnvAdapterFactory::create));
        cli.addSubcommand(new ServiceCommand(environment, Optional.ofNullable(System.getProperty(ServiceCommand.LAUNCHER))));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        // A usage error says what is wrong and the failing command's own usage line, not the whole help.
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failing = e.getCommandLine();
            PrintWriter w = failing.getErr();
            w.println("ccotel: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, w);
            w.println("Usage: " + failing.getHelp().abbreviatedSynopsis().strip());
            w.println("Run '" + failing.getCommandSpec().qualifiedName() + " --help' for its options.");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigError) {
                err.println("ccotel: configuration error: " + e.getMessage());
                return USAGE;
            }
            if (e instanceof StoreInUseException) { // a second daemon: restarting it cannot help
                err.println("ccotel: " + e.getMessage());
                return USAGE;
            }
            err.println("ccotel: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return FAILURE;
        });
        return cli;
    }
}
