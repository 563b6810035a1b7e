package dev.ccotel.app.cli;

import dev.ccotel.app.config.ConfigError;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/** Builds the command line and runs it; the exit code says how it went (0, 1 runtime, 2 usage/config). */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private Cli() {}

    public static int run(String[] args, Map<String, String> environment, Clock clock, PrintStream out, PrintStream err) {
        CcotelCommand top = new CcotelCommand(environment, clock, out, err);
        CommandLine cli = new CommandLine(top);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigError) {
                err.println("ccotel: configuration error: " + e.getMessage());
                return USAGE;
            }
            err.println("ccotel: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return FAILURE;
        });
        return cli.execute(args);
    }
}
