package dev.ccotel.app.cli;

import dev.ccotel.ports.in.ClaudeSettingsStatusCommand;
import dev.ccotel.ports.in.InstallClaudeSettingsCommand;
import dev.ccotel.ports.in.InstallShellEnvCommand;
import dev.ccotel.ports.in.OtlpProtocol;
import dev.ccotel.ports.in.ShellEnvResult;
import dev.ccotel.ports.in.ShellEnvStatus;
import dev.ccotel.ports.in.ShellEnvStatusCommand;
import dev.ccotel.ports.in.TelemetryEnvOptions;
import dev.ccotel.ports.in.UninstallClaudeSettingsCommand;
import dev.ccotel.ports.in.UninstallShellEnvCommand;
import dev.ccotel.ports.model.ClaudeSettingsChange;
import dev.ccotel.ports.model.ClaudeSettingsStatus;
import dev.ccotel.ports.model.ShellChange;
import dev.ccotel.ports.model.ShellFileStatus;
import dev.ccotel.ports.model.ShellKind;
import dev.ccotel.ports.model.StatusLineChoice;
import dev.ccotel.ports.out.ClaudeSettingsPort;
import dev.ccotel.ports.out.ShellProfilePort;
import dev.ccotel.ports.service.claudesettings.ClaudeSettingsStatusService;
import dev.ccotel.ports.service.claudesettings.InstallClaudeSettingsService;
import dev.ccotel.ports.service.claudesettings.UninstallClaudeSettingsService;
import dev.ccotel.ports.service.shellenv.InstallShellEnvService;
import dev.ccotel.ports.service.shellenv.ShellEnvStatusService;
import dev.ccotel.ports.service.shellenv.TelemetryEnvPolicy;
import dev.ccotel.ports.service.shellenv.UninstallShellEnvService;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ccotel cc install|i, uninstall|u, status}: the Claude Code telemetry block in the shells' rc files, and
 * ccotel's entries in Claude Code's settings.json (its env, statusLine and SessionStart hook).
 */
@Command(name = "cc",
        description = {"Switch Claude Code's telemetry to ccotel in the start-up files of bash, zsh and fish, and in",
                "Claude Code's settings.json (its env, statusLine and SessionStart hook)."})
public final class CcCommand implements Runnable {

    private static final String SHELLS = "bash, zsh, fish or all; repeat or separate with commas"
            + " (default: the shells found on PATH or already configured)";

    private static final String HELP = "Show this help message and exit.";
    /** {@code cc status}: no shell has a current block. */
    static final int NOT_CURRENT = 3;

    @Spec
    CommandSpec spec;

    // Help but no -V: the version belongs to the top command, and picocli would print an empty one here.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = HELP)
    boolean help;

    private final Wiring wiring;

    /**
     * What {@code cc} reads and writes, drawn by the CLI's composition ({@code CliComposition.cc}).
     *
     * @param receiverPort the configured receiver port, asked for only when a subcommand runs (so it may come
     *     from options the parent command has just parsed)
     * @param httpReceiverPort the configured OTLP/HTTP port, or 0 when that listener is off
     * @param environment the user's environment: HOME, ZDOTDIR, XDG_CONFIG_HOME, PATH, SHELL, CLAUDE_CONFIG_DIR
     * @param profiles makes the shell-profile port for that environment
     * @param claudeSettings makes the settings.json port for that environment
     * @param launcher the absolute path of the bin/ccotel that Claude Code's statusLine and hook should run;
     *     empty when unknown, and then only the env is written to settings.json
     * @param listening whether a daemon listens on a loopback port
     */
    public record Wiring(IntSupplier receiverPort, IntSupplier httpReceiverPort, Map<String, String> environment,
            Function<Map<String, String>, ShellProfilePort> profiles,
            Function<Map<String, String>, ClaudeSettingsPort> claudeSettings, Supplier<Optional<String>> launcher,
            IntPredicate listening) {
        public Wiring {
            environment = Map.copyOf(environment);
        }
    }

    public CcCommand(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose install, uninstall or status");
    }

    @Command(name = "install", aliases = "i",
            description = {"Add (or refresh) the block that points Claude Code's telemetry at ccotel, and the same",
                    "variables, ccotel's statusline and a SessionStart hook in Claude Code's settings.json."})
    int install(
            @Option(names = {"-h", "--help"}, usageHelp = true, description = HELP) boolean help,
            @Option(names = "--shell", split = ",", paramLabel = "SHELL", description = SHELLS) List<String> shells,
            @Option(names = "--dry-run", description = "Show the change as a diff; write nothing") boolean dryRun,
            @Option(names = "--protocol", paramLabel = "PROTOCOL", defaultValue = "grpc",
                    description = "grpc, http/protobuf or http/json: sets OTEL_EXPORTER_OTLP_PROTOCOL (default: grpc)")
            String protocol,
            @Option(names = "--port", paramLabel = "PORT",
                    description = "Receiver port (default: receiver.port for grpc, receiver.http.port for http/*)")
            Integer port,
            @Option(names = "--metric-export-interval", paramLabel = "MS",
                    description = "Sets OTEL_METRIC_EXPORT_INTERVAL (milliseconds)") Long metricInterval,
            @Option(names = "--logs-export-interval", paramLabel = "MS",
                    description = "Sets OTEL_LOGS_EXPORT_INTERVAL (milliseconds)") Long logsInterval,
            @Option(names = "--log-user-prompts",
                    description = "Sets OTEL_LOG_USER_PROMPTS=1: Claude Code then sends prompt text") boolean prompts,
            @Option(names = "--statusline", paramLabel = "MODE", defaultValue = "keep",
                    description = {"What to do with a statusLine in settings.json that is not ccotel's: keep it",
                            "(default), chain (ccotel's runs it and adds its part), replace, or skip (do not",
                            "write a statusLine at all)"}) String statusline,
            @Option(names = "--no-settings", description = "Leave Claude Code's settings.json alone")
            boolean noSettings) {
        OtlpProtocol chosen = OtlpProtocol.fromId(protocol).orElseThrow(() -> usage("install",
                "Invalid value for option '--protocol': '" + protocol + "' (expected grpc, http/protobuf or http/json)"));
        TelemetryEnvOptions options = new TelemetryEnvOptions(chosen.isHttp() ? httpPort(port) : port(port, "install"),
                interval(metricInterval, "--metric-export-interval"), interval(logsInterval, "--logs-export-interval"),
                prompts, chosen);
        StatusLineChoice choice = statusLineChoice(statusline);
        ShellEnvResult result = new InstallShellEnvService(wiring.profiles().apply(wiring.environment()))
                .install(new InstallShellEnvCommand(shells(shells, "install"), options, dryRun));
        if (result.shells().isEmpty()) {
            err().println("ccotel: found no bash, zsh or fish on PATH; name one with --shell");
        }
        report(result, dryRun);
        boolean changed = result.changes().stream().anyMatch(ShellChange.Changed.class::isInstance);
        if (changed && !dryRun) {
            out().println("Open a new shell (or source the file) so that Claude Code starts with these variables.");
        }
        Optional<String> settled = wiring.launcher().get();
        boolean settingsFailed = !noSettings && report(new InstallClaudeSettingsService(wiring.claudeSettings().apply(wiring.environment()))
                .install(new InstallClaudeSettingsCommand(options, settled, choice, dryRun)), dryRun, settled.isPresent(),
                false);
        return result.anyFailed() || result.shells().isEmpty() || settingsFailed ? Cli.FAILURE : Cli.OK;
    }

    private StatusLineChoice statusLineChoice(String value) {
        try {
            return StatusLineChoice.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage("install", "Invalid value for option '--statusline': '" + value
                    + "' (expected keep, chain, replace or skip)");
        }
    }

    @Command(name = "uninstall", aliases = "u",
            description = {"Remove the ccotel block, and only the block, from the shells' start-up files, and from",
                    "Claude Code's settings.json what install added (a statusLine it replaced comes back)."})
    int uninstall(
            @Option(names = {"-h", "--help"}, usageHelp = true, description = HELP) boolean help,
            @Option(names = "--shell", split = ",", paramLabel = "SHELL", description = SHELLS) List<String> shells,
            @Option(names = "--dry-run", description = "Show the change as a diff; write nothing") boolean dryRun,
            @Option(names = "--no-settings", description = "Leave Claude Code's settings.json alone")
            boolean noSettings) {
        ShellEnvResult result = new UninstallShellEnvService(wiring.profiles().apply(wiring.environment()))
                .uninstall(new UninstallShellEnvCommand(shells(shells, "uninstall"), dryRun));
        if (result.shells().isEmpty()) {
            out().println("No shell found on PATH or configured.");
        }
        report(result, dryRun);
        boolean settingsFailed = !noSettings && report(new UninstallClaudeSettingsService(
                wiring.claudeSettings().apply(wiring.environment())).uninstall(new UninstallClaudeSettingsCommand(dryRun)), dryRun, true, true);
        return result.anyFailed() || settingsFailed ? Cli.FAILURE : Cli.OK;
    }

    @Command(name = "status",
            description = {"Show per shell and file whether the ccotel block is there and current, whether a daemon",
                    "listens where it points, and later lines that override its variables; and what Claude",
                    "Code's settings.json holds of ccotel's (env, statusLine, hook). Writes nothing. Exit 3 when",
                    "neither a shell nor settings.json has current variables, 1 when a file is broken or unreadable."})
    int status(
            @Option(names = {"-h", "--help"}, usageHelp = true, description = HELP) boolean help,
            @Option(names = "--shell", split = ",", paramLabel = "SHELL", description = SHELLS) List<String> shells,
            @Option(names = "--port", paramLabel = "PORT", description = "Receiver port (default: receiver.port)")
            Integer port) {
        int expected = port(port, "status");
        Optional<Integer> expectedHttp = Optional.of(wiring.httpReceiverPort().getAsInt()).filter(p -> p > 0);
        ShellEnvStatus status = new ShellEnvStatusService(wiring.profiles().apply(wiring.environment()))
                .status(new ShellEnvStatusCommand(shells(shells, "status"), expected, expectedHttp));
        if (status.shells().isEmpty()) {
            out().println("No shell found on PATH or configured; name one with --shell.");
        }
        Set<Integer> probed = new java.util.TreeSet<>();
        for (ShellFileStatus file : status.files()) {
            String line = line(file.shell(), file.file(), describe(file, expected, expectedHttp));
            (file.state() == ShellFileStatus.State.BROKEN || file.state() == ShellFileStatus.State.UNREADABLE
                    ? err() : out()).println(line);
            for (String override : file.overrides()) {
                err().println(line(file.shell(), file.file(), "warning: " + override
                        + " sets a variable of the block again, after it; Claude Code gets that value instead"));
            }
            file.installed().flatMap(env -> env.value(TelemetryEnvPolicy.ENDPOINT)).flatMap(CcCommand::portOf)
                    .filter(probed::add).filter(p -> !wiring.listening().test(p))
                    .ifPresent(p -> out().println("no daemon listens on 127.0.0.1:" + p
                            + "; start one with 'ccotel daemon' or 'ccotel service install'"));
        }
        ClaudeSettingsStatus settings = new ClaudeSettingsStatusService(wiring.claudeSettings().apply(wiring.environment()))
                .status(new ClaudeSettingsStatusCommand(expected, expectedHttp));
        (settings.hasProblem() ? err() : out()).println(SettingsLines.line(settings.file(),
                SettingsLines.describe(settings)));
        if (!settings.launcherExists()) {
            err().println(SettingsLines.line(settings.file(), "warning: its statusLine and hook run "
                    + settings.launcher().orElse("?") + ", which is not there any more; run 'ccotel cc install'"
                    + " with the ccotel you use now"));
        }
        settings.env().value(TelemetryEnvPolicy.ENDPOINT).flatMap(CcCommand::portOf)
                .filter(probed::add).filter(p -> !wiring.listening().test(p))
                .ifPresent(p -> out().println("no daemon listens on 127.0.0.1:" + p
                        + "; start one with 'ccotel daemon' or 'ccotel service install'"));
        if (status.anyProblem() || settings.hasProblem()) {
            return Cli.FAILURE;
        }
        if (status.noneCurrent() && settings.envState() != ClaudeSettingsStatus.EnvState.CURRENT) {
            out().println("Claude Code is not pointed at ccotel in any shell nor in its settings.json;"
                    + " run 'ccotel cc install'");
            return NOT_CURRENT;
        }
        return Cli.OK;
    }

    /** The port of an endpoint such as {@code http://127.0.0.1:4317}. */
    static Optional<Integer> portOf(String endpoint) {
        try {
            int port = java.net.URI.create(endpoint.strip()).getPort();
            return port > 0 ? Optional.of(port) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:port within 300 ms. */
    public static boolean listensOnLoopback(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 300);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void report(ShellEnvResult result, boolean dryRun) {
        for (ShellChange change : result.changes()) {
            switch (change) {
                case ShellChange.Changed c -> {
                    out().println(line(c.shell(), c.file(), describe(c.edit(), dryRun)));
                    if (dryRun) {
                        out().print(c.diff());
                    }
                }
                case ShellChange.Unchanged u -> out().println(line(u.shell(), u.file(), "unchanged (" + u.reason() + ")"));
                case ShellChange.Failed f -> err().println(line(f.shell(), f.file(), "FAILED: " + f.reason()));
            }
        }
        out().flush();
        err().flush();
    }

    /** Prints what became of settings.json; true when it failed. */
    private boolean report(ClaudeSettingsChange change, boolean dryRun, boolean launcherKnown, boolean removing) {
        switch (change) {
            case ClaudeSettingsChange.Changed c -> {
                out().println(SettingsLines.line(c.file(), SettingsLines.describe(c.edit(), dryRun, removing)));
                SettingsLines.statusLine(c.statusLine(), launcherKnown)
                        .ifPresent(line -> out().println(SettingsLines.line(c.file(), line)));
                if (dryRun) {
                    out().print(c.diff());
                }
            }
            case ClaudeSettingsChange.Unchanged u -> {
                out().println(SettingsLines.line(u.file(), "unchanged (" + u.reason() + ")"));
                SettingsLines.statusLine(u.statusLine(), launcherKnown)
                        .ifPresent(line -> out().println(SettingsLines.line(u.file(), line)));
            }
            case ClaudeSettingsChange.Failed f -> err().println(SettingsLines.line(f.file(), "FAILED: " + f.reason()));
        }
        out().flush();
        err().flush();
        return change instanceof ClaudeSettingsChange.Failed;
    }

    private static String describe(ShellChange.Edit edit, boolean dryRun) {
        String[] doneAndPlanned = switch (edit) {
            case CREATED_FILE -> new String[] {"created the file with", "would create the file with"};
            case ADDED_BLOCK -> new String[] {"added", "would add"};
            case REPLACED_BLOCK -> new String[] {"updated", "would update"};
            case REMOVED_BLOCK -> new String[] {"removed", "would remove"};
            case DELETED_FILE -> new String[] {"deleted the file, which held nothing but", "would delete the file,"
                    + " which holds nothing but"};
        };
        return dryRun ? doneAndPlanned[1] + " the ccotel block (dry run)" : doneAndPlanned[0] + " the ccotel block";
    }

    private static String describe(ShellFileStatus file, int expectedPort, Optional<Integer> expectedHttpPort) {
        String endpoint = file.installed().flatMap(env -> env.value(TelemetryEnvPolicy.ENDPOINT)).orElse("?");
        String protocol = file.installed().flatMap(env -> env.value(TelemetryEnvPolicy.PROTOCOL)).orElse("?");
        return switch (file.state()) {
            case NO_FILE -> "not installed (no file)";
            case NO_BLOCK -> "not installed";
            case INSTALLED -> "installed, sending to " + endpoint + " over " + protocol;
            case OUTDATED -> "outdated: sends to " + endpoint + " but "
                    + expectation(protocol, expectedPort, expectedHttpPort);
            case BROKEN, UNREADABLE -> "PROBLEM: " + file.detail();
        };
    }

    /** What the daemon's config expects of a block with this protocol, and the command that writes it. */
    private static String expectation(String protocol, int grpcPort, Optional<Integer> httpPort) {
        Optional<OtlpProtocol> known = OtlpProtocol.fromId(protocol);
        if (known.isEmpty()) {
            return "over '" + protocol + "', which ccotel does not speak; run 'ccotel cc install'";
        }
        if (!known.get().isHttp()) {
            return "the receiver port is " + grpcPort + " (receiver.port, for grpc); run 'ccotel cc install'";
        }
        String fix = "run 'ccotel cc install --protocol " + protocol + "'";
        return httpPort.map(p -> "the receiver port is " + p + " (receiver.http.port, for " + protocol + "); " + fix)
                .orElse("over " + protocol + ", and the daemon's OTLP/HTTP listener is off (receiver.http.enabled: "
                        + "false); run 'ccotel cc install' for grpc");
    }

    private static String line(ShellKind shell, String file, String what) {
        return String.format("%-4s  %s: %s", shell.id(), file, what);
    }

    private Set<ShellKind> shells(List<String> names, String subcommand) {
        Set<ShellKind> shells = EnumSet.noneOf(ShellKind.class);
        for (String name : names == null ? List.<String>of() : names) {
            if (name.equals("all")) {
                shells.addAll(EnumSet.allOf(ShellKind.class));
            } else {
                shells.add(ShellKind.fromId(name).orElseThrow(() -> usage(subcommand,
                        "Invalid value for option '--shell': '" + name + "' (expected bash, zsh, fish or all)")));
            }
        }
        return shells;
    }

    private int port(Integer port, String subcommand) {
        int value = port != null ? port : wiring.receiverPort().getAsInt();
        if (value < 1 || value > 65_535) {
            throw usage(subcommand, "Invalid receiver port " + value + " (expected 1-65535)");
        }
        return value;
    }

    private int httpPort(Integer port) {
        int value = port != null ? port : wiring.httpReceiverPort().getAsInt();
        if (value < 1 || value > 65_535) {
            throw usage("install", value == 0
                    ? "The OTLP/HTTP listener is off (receiver.http.enabled: false) or on a random port; turn it on, "
                            + "or give --port"
                    : "Invalid receiver port " + value + " (expected 1-65535)");
        }
        return value;
    }

    private Optional<Duration> interval(Long millis, String option) {
        if (millis != null && millis < 1) {
            throw usage("install", "Invalid value for option '" + option + "': " + millis + " (expected at least 1 ms)");
        }
        return Optional.ofNullable(millis).map(Duration::ofMillis);
    }

    private ParameterException usage(String subcommand, String message) {
        return new ParameterException(spec.subcommands().get(subcommand), message);
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
