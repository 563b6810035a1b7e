package dev.ccotel.app.cli;

import dev.ccotel.app.config.ConfigError;
import dev.ccotel.app.config.Settings;
import dev.ccotel.app.config.XdgDirs;
import dev.ccotel.app.service.Commands;
import dev.ccotel.app.service.Launchd;
import dev.ccotel.app.runtime.Version;
import dev.ccotel.app.service.DaemonAnswer;
import dev.ccotel.app.service.DistributionCopy;
import dev.ccotel.app.service.ServiceInstaller;
import dev.ccotel.app.service.ServicePlatform;
import dev.ccotel.app.service.Systemd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ccotel service install|uninstall|status}: run the daemon at login (systemd user unit, launchd agent). */
@Command(name = "service", description = "Run the daemon at login: a systemd user unit on Linux, a launchd agent on macOS.")
public final class ServiceCommand implements Runnable {
    /** The system property bin/ccotel sets to its own absolute path; the unit starts that launcher. */
    public static final String LAUNCHER = "ccotel.launcher";
    private static final String HELP = "Show this help message and exit.";

    enum Platform { systemd, launchd }

    @Spec
    CommandSpec spec;

    @ParentCommand
    CcotelCommand parent;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = HELP)
    boolean help;

    private final Map<String, String> environment;
    private final Optional<String> launcher;

    /** @param launcher the value of {@value #LAUNCHER}: set when started through bin/ccotel */
    public ServiceCommand(Map<String, String> environment, Optional<String> launcher) {
        this.environment = Map.copyOf(environment);
        this.launcher = launcher;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose install, uninstall or status");
    }

    @Command(name = "install", description = "Write the unit (or agent) that starts 'ccotel daemon' at login, and start it.")
    int install(
            @Option(names = {"-h", "--help"}, usageHelp = true, description = HELP) boolean help,
            @Option(names = "--dry-run", description = "Show the file and the commands; write and run nothing") boolean dryRun,
            @Option(names = "--exec", paramLabel = "PATH",
                    description = "The launcher to start (default: this bin/ccotel)") Path exec,
            @Option(names = "--platform", hidden = true) Platform platform) {
        Path start = launcher(exec);
        if (exec == null) { // the launcher that runs now: the service gets a copy of its distribution
            try {
                start = copies().launcherFor(start, Version.VALUE, dryRun);
            } catch (java.io.IOException e) {
                spec.commandLine().getErr().println("ccotel: " + e.getMessage());
                return Cli.FAILURE;
            }
        }
        return installer(platform).install(start, Path.of(System.getProperty("java.home"), "bin", "java"), dryRun);
    }

    @Command(name = "uninstall", description = "Stop the daemon and remove exactly the file that install wrote.")
    int uninstall(
            @Option(names = {"-h", "--help"}, usageHelp = true, description = HELP) boolean help,
            @Option(names = "--dry-run", description = "Show what would be removed and run; change nothing") boolean dryRun,
            @Option(names = "--platform", hidden = true) Platform platform) {
        int exit = installer(platform).uninstall(dryRun);
        Path copies = XdgDirs.distributions(environment);
        if (exit == Cli.OK && Files.isDirectory(copies)) {
            if (dryRun) {
                spec.commandLine().getOut().println("would remove the copies of the distribution in " + copies);
                return exit;
            }
            try {
                copies().removeAll();
                spec.commandLine().getOut().println("removed the copies of the distribution in " + copies);
            } catch (java.io.IOException e) {
                spec.commandLine().getErr().println("ccotel: cannot remove " + copies + ": " + e.getMessage());
                return Cli.FAILURE;
            }
        }
        return exit;
    }

    @Command(name = "status", description = "Whether the unit (or agent) is installed and runs; exit 3 when not.")
    int status(
            @Option(names = {"-h", "--help"}, usageHelp = true, description = HELP) boolean help,
            @Option(names = "--platform", hidden = true) Platform platform) {
        return installer(platform).status(this::askTheDaemon);
    }

    private DistributionCopy copies() {
        return new DistributionCopy(XdgDirs.distributions(environment), spec.commandLine().getOut());
    }

    private DaemonAnswer askTheDaemon() {
        Settings s = parent.settings(Map.of());
        DaemonProbe.Found found = DaemonProbe.probe(s, line -> parent.err.println("ccotel: " + line));
        return switch (found) {
            case DaemonProbe.Found.Running r -> new DaemonAnswer(true, "a ccotel daemon answers on " + r.address());
            case DaemonProbe.Found.NothingListens n -> new DaemonAnswer(false, "nothing listens on "
                    + String.join(" or ", n.addresses()));
            case DaemonProbe.Found.NoAnswer a -> new DaemonAnswer(null, "cannot tell: on " + a.address() + " " + a.why());
        };
    }

    private Path launcher(Path exec) {
        Optional<Path> path = exec != null ? Optional.of(exec) : launcher.map(Path::of);
        if (path.isEmpty()) {
            throw new ParameterException(spec.subcommands().get("install"), "the launcher's path is unknown: this"
                    + " ccotel was not started through bin/ccotel; run the distribution's bin/ccotel, or give"
                    + " --exec /path/to/bin/ccotel");
        }
        Path absolute = path.get().toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute) || !Files.isExecutable(absolute)) {
            throw new ParameterException(spec.subcommands().get("install"), absolute + " is not an executable file");
        }
        return absolute;
    }

    private ServiceInstaller installer(Platform chosen) {
        Platform platform = chosen != null ? chosen
                : System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac") ? Platform.launchd
                : Platform.systemd;
        ServicePlatform p = switch (platform) {
            case systemd -> new Systemd(XdgDirs.configHome(environment));
            case launchd -> new Launchd(home(), new com.sun.security.auth.module.UnixSystem().getUid());
        };
        return new ServiceInstaller(p, new Commands(environment), spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }

    private Path home() {
        String home = environment.get("HOME");
        if (home == null || home.isBlank()) {
            throw new ConfigError("HOME is not set, so the launchd agent's folder is unknown");
        }
        return Path.of(home);
    }
}
