package dev.ccotel.app.cli;

import dev.ccotel.app.compose.CliComposition;
import dev.ccotel.app.config.ConfigError;
import dev.ccotel.app.config.ConfigKeys;
import dev.ccotel.app.config.XdgDirs;
import dev.ccotel.app.runtime.Version;
import dev.ccotel.app.service.DistributionCopy;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** Builds the command line and runs it; the exit code says how it went (0, 1 runtime, 2 usage/config). */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private Cli() {}

    private static Object subcommand(String name, CcotelCommand top, Map<String, String> environment) {
        return switch (name) {
            case "daemon" -> new DaemonCommand();
            case "status" -> new StatusCommand();
            case "report" -> new ReportCommand();
            case "dashboard" -> new DashboardCommand();
            case "import" -> new ImportCommand();
            case "store" -> new StoreCommand();
            case "inspect" -> new InspectCommand();
            case "train-cache" -> new TrainCommand();
            case "config" -> new ConfigCommand();
            case "help" -> new CommandLine.HelpCommand();
            case "statusline" -> new LauncherCommand.Statusline();
            case "hook" -> new LauncherCommand.Hook();
            // The port is read when a cc subcommand runs, after --config and --set were parsed.
            case "cc" -> new CcCommand(new CcCommand.Wiring(
                    () -> top.settings(Map.of()).integer(ConfigKeys.RECEIVER_PORT, 1, 65_535),
                    () -> httpPort(top.settings(Map.of())), environment, CliComposition::shellProfiles,
                    CliComposition::claudeSettings, () -> settledLauncher(environment), CcCommand::listensOnLoopback));
            case "hub" -> new HubCommand();
            case "service" -> new ServiceCommand(environment, Optional.ofNullable(System.getProperty(ServiceCommand.LAUNCHER)));
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    /**
     * The bin/ccotel that Claude Code's statusLine and hook run: the one running now (the launcher says which),
     * or the copy {@code service install} made of its distribution, which survives a rebuild of a build tree.
     */
    private static Optional<String> settledLauncher(Map<String, String> environment) {
        return Optional.ofNullable(System.getProperty(ServiceCommand.LAUNCHER)).map(java.nio.file.Path::of)
                .map(l -> DistributionCopy.settledLauncher(l, XdgDirs.distributions(environment), Version.VALUE))
                .map(java.nio.file.Path::toString);
    }

    /** The OTLP/HTTP port {@code cc} writes for http/* protocols; 0 when that listener is off. */
    private static int httpPort(dev.ccotel.app.config.Settings settings) {
        return settings.bool(ConfigKeys.RECEIVER_HTTP_ENABLED)
                ? settings.integer(ConfigKeys.RECEIVER_HTTP_PORT, 0, 65_535) : 0;
    }

    public static int run(String[] args, Map<String, String> environment, Clock clock, PrintStream out, PrintStream err) {
        if (args.length == 1 && VERSION.contains(args[0])) {
            // What picocli prints for it, without loading picocli's model (a third of the command's CPU).
            for (String line : new Version().getVersion()) {
                out.println(line);
            }
            return OK;
        }
        if (subcommandIn(args).filter(OPEN_A_STORE::contains).isPresent()) {
            CliComposition.keepSqliteLibraryInTheCache(environment); // the others spare loading its classes
        }
        if (args.length == 1 && BARE.contains(args[0])) {
            return bare(args[0], new CcotelCommand(environment, clock, out, err));
        }
        return commandLine(environment, clock, out, err, needed(args)).execute(args);
    }

    /** The subcommands that {@link #bare} runs when they are the whole command line. */
    private static final Set<String> BARE = Set.of("daemon", "status", "report");

    /**
     * A subcommand that is the whole command line ({@code ccotel daemon}, as the login service starts it;
     * {@code status}; {@code report}): with nothing to parse, it runs without picocli, whose 170 classes (of a
     * class-file version that no start-up cache can hold) and model took 0.15-0.19 s of the daemon's 0.55 s
     * start. Ends as {@link #commandLine}'s handler ends a command that throws.
     */
    private static int bare(String name, CcotelCommand top) {
        Callable<Integer> command = switch (name) {
            case "daemon" -> {
                DaemonCommand daemon = new DaemonCommand();
                daemon.parent = top;
                yield daemon;
            }
            case "status" -> {
                StatusCommand status = new StatusCommand();
                status.parent = top;
                yield status;
            }
            case "report" -> {
                ReportCommand report = new ReportCommand();
                report.parent = top;
                yield report;
            }
            default -> throw new IllegalArgumentException("no bare subcommand " + name);
        };
        try {
            return command.call();
        } catch (Exception e) {
            return failed(e, top.err);
        }
    }

    /** What a command that threw ends with: a line on stderr, and 2 for a configuration or usage failure, else 1. */
    private static int failed(Exception e, PrintStream err) {
        if (e instanceof ConfigError) {
            err.println("ccotel: configuration error: " + e.getMessage());
            return USAGE;
        }
        if (CliComposition.isUsageFailure(e)) { // a second daemon: restarting it cannot help
            err.println("ccotel: " + e.getMessage());
            return USAGE;
        }
        err.println("ccotel: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        return FAILURE;
    }

    /** picocli's standard version options. */
    private static final Set<String> VERSION = Set.of("--version", "-V");

    /** The subcommands that may open a SQLite store. */
    private static final Set<String> OPEN_A_STORE = Set.of("daemon", "report", "dashboard",
            "import", "store", "hub", "train-cache");

    /** The subcommands, in the order the usage lists them. */
    private static final List<String> NAMES = List.of("daemon", "status", "report", "dashboard", "import", "store",
            "inspect", "train-cache", "config", "help", "cc", "service", "hub", "statusline", "hook");

    /**
     * The subcommand a command line names: its first word that is neither an option nor the value of
     * {@code --config}/{@code --set} (the launcher finds it the same way); empty when there is none.
     */
    static Optional<String> subcommandIn(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--config") || arg.equals("--set")) {
                i++;
            } else if (arg.equals("--")) {
                return Optional.empty();
            } else if (!arg.startsWith("-")) {
                return Optional.of(arg);
            }
        }
        return Optional.empty();
    }

    /**
     * The subcommands a command line needs: the one it names; none for a bare {@code --version}; every
     * one for help, a bare {@code ccotel}, or a name that is none of them (so that usage and "did you
     * mean" see them all).
     */
    static List<String> needed(String[] args) {
        Optional<String> named = subcommandIn(args);
        if (named.isPresent() && NAMES.contains(named.get()) && !named.get().equals("help")) {
            return List.of(named.get());
        }
        List<String> words = List.of(args);
        boolean version = words.stream().anyMatch(VERSION::contains);
        return named.isEmpty() && version && !words.contains("--help") && !words.contains("-h") ? List.of() : NAMES;
    }

    /** The whole command tree, ready to execute; also what the completion scripts are generated from. */
    static CommandLine commandLine(Map<String, String> environment, Clock clock, PrintStream out, PrintStream err) {
        return commandLine(environment, clock, out, err, NAMES);
    }

    /**
     * The command tree with only the {@code wanted} subcommands (see {@link #needed}): picocli builds a
     * model of every command it is given, by reflection, and that was about half of what
     * {@code ccotel --version} or {@code status} cost.
     */
    static CommandLine commandLine(Map<String, String> environment, Clock clock, PrintStream out, PrintStream err,
            List<String> wanted) {
        CcotelCommand top = new CcotelCommand(environment, clock, out, err);
        CommandLine cli = new CommandLine(top);
        // Before setOut/setErr: picocli hands its writers only to subcommands that exist by then.
        for (String name : NAMES) {
            if (wanted.contains(name)) {
                cli.addSubcommand(name, subcommand(name, top, environment));
            }
        }
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
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(e, err));
        return cli;
    }
}
