package dev.ccotel.app.cli;

import dev.ccotel.app.runtime.Version;
import dev.ccotel.app.config.Settings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ccotel}: the top command; its options apply to every subcommand. */
@Command(name = "ccotel", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Collects Claude Code OpenTelemetry, keeps it locally and forwards it to a backend.",
        subcommands = {DaemonCommand.class, StatusCommand.class, InspectCommand.class, ReportCommand.class, ConfigCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:runtime failure", "2:usage or configuration error", "3:(status) no daemon answers"})
public final class CcotelCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML config file (default: $XDG_CONFIG_HOME/ccotel/config.yaml)")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Set a config key, e.g. --set receiver.port=4318")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = {"-v", "--verbose"}, description = "Log debug details")
    boolean verbose;

    final Map<String, String> environment;
    final Clock clock;
    final PrintStream out;
    final PrintStream err;

    public CcotelCommand(Map<String, String> environment, Clock clock, PrintStream out, PrintStream err) {
        this.environment = Map.copyOf(environment);
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose a command");
    }

    /** The effective settings, with the given flags on top of {@code --set}. */
    Settings settings(Map<String, String> moreFlags) {
        Map<String, String> flags = new LinkedHashMap<>(sets);
        flags.putAll(moreFlags);
        return Settings.load(Optional.ofNullable(configFile), environment, flags);
    }
}
