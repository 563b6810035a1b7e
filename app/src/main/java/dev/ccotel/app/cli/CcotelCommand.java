package dev.ccotel.app.cli;

import dev.ccotel.app.config.EnvironmentCheck;
import dev.ccotel.app.config.Settings;
import dev.ccotel.app.runtime.Version;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code ccotel}: the top command. Its options are inherited: they may come before or after the
 * subcommand ({@code ccotel daemon --config f.yaml -v}), and picocli sets them on this object either way.
 */
@Command(name = "ccotel", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Collects Claude Code OpenTelemetry, keeps it locally and forwards it to a backend.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:runtime failure", "2:usage or configuration error",
                "3:(status, cc status, service status) not running, not installed or not current"})
public final class CcotelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "YAML config file (default: $XDG_CONFIG_HOME/ccotel/config.yaml)")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", scope = ScopeType.INHERIT,
            description = "Set a config key, e.g. --set receiver.port=4318")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Log debug details")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Log warnings and errors only")
    boolean quiet;

    final Map<String, String> environment;
    final Clock clock;
    final PrintStream out;
    final PrintStream err;
    private boolean environmentChecked;

    public CcotelCommand(Map<String, String> environment, Clock clock, PrintStream out, PrintStream err) {
        this.environment = Map.copyOf(environment);
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /** A bare {@code ccotel}: the usage, once, on stderr, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Cli.USAGE;
    }

    /** The effective settings, with the given flags on top of {@code --set}. */
    Settings settings(Map<String, String> moreFlags) {
        if (!environmentChecked) { // once per run, however often the settings are read
            environmentChecked = true;
            EnvironmentCheck.unknownVariables(environment).forEach(w -> err.println("ccotel: warning: " + w));
        }
        Map<String, String> flags = new LinkedHashMap<>(sets);
        flags.putAll(moreFlags);
        return Settings.load(Optional.ofNullable(configFile), environment, flags);
    }

    /** -v and -q contradict each other; picocli has no exclusive inherited options, so it is checked here. */
    void requireVerbosity() {
        if (verbose && quiet) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "-v/--verbose and -q/--quiet cannot be used together");
        }
    }
}
