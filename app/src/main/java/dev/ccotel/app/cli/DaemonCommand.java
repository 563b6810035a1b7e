package dev.ccotel.app.cli;

import dev.ccotel.app.compose.DaemonComposition;
import dev.ccotel.app.config.XdgDirs;
import dev.ccotel.app.runtime.EndpointFile;
import dev.ccotel.app.runtime.Daemon;
import dev.ccotel.app.runtime.HostNames;
import dev.ccotel.app.runtime.Logging;
import dev.ccotel.app.runtime.Version;
import dev.ccotel.app.config.ConfigKeys;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.app.config.Delivery;
import dev.ccotel.app.config.Folders;
import dev.ccotel.app.config.Settings;
import dev.ccotel.adapter.httpin.HttpReceiverConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ccotel daemon}: receive OTLP on gRPC and forward each export at once. */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = "Run the collector in the foreground; SIGTERM or Ctrl-C drains in-flight exports and exits.")
final class DaemonCommand implements Callable<Integer> {
    @ParentCommand
    CcotelCommand parent;

    @Option(names = "--dry-run", description = "Print each backend request as a JSON line instead of posting it")
    boolean dryRun;

    @Option(names = "--port", description = "Receiver port (receiver.port)")
    Integer port;

    @Option(names = "--host", description = "Receiver address (receiver.host)")
    String host;

    @Option(names = "--backend-url", description = "Backend base URL (backend.url)")
    String backendUrl;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> flags = new LinkedHashMap<>();
        if (port != null) {
            flags.put(ConfigKeys.RECEIVER_PORT, port.toString());
        }
        if (host != null) {
            flags.put(ConfigKeys.RECEIVER_HOST, host);
        }
        if (backendUrl != null) {
            flags.put(ConfigKeys.BACKEND_URL, backendUrl);
        }
        parent.requireVerbosity();
        Logging.configure(parent.verbose, parent.quiet, parent.err);
        Settings settings = parent.settings(flags);
        ConfigFileCheck.warnIfReadableByOthers(settings, parent.err);
        DaemonConfig config = DaemonConfig.from(settings, parent.environment, Version.VALUE,
                HostNames.local(parent.environment), dryRun);
        // Said before anything starts, with the cause ("Not a directory", "Permission denied").
        if (config.delivery() instanceof Delivery.Stored stored) {
            Folders.requireUsable(ConfigKeys.STORE_PATH, stored.storePath().toAbsolutePath().getParent());
        }
        Optional<String> taken = portsTaken(config);
        if (taken.isPresent()) {
            parent.err.println("ccotel: " + taken.get());
            return Cli.USAGE;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTermination(stop::countDown);
        try (Daemon daemon = DaemonComposition.start(config, parent.clock, parent.out);
                EndpointFile endpoint = endpointFile(config, daemon)) {
            if (!parent.quiet) {
                parent.err.printf("ccotel %s listening on %s:%d (OTLP/gRPC)%s, %s%n", Version.VALUE,
                        config.receiver().host(), daemon.port(),
                        daemon.httpPort().map(p -> " and " + config.httpReceiver().orElseThrow().host() + ":" + p
                                + " (OTLP/HTTP, /status)").orElse(""),
                        daemon.destination());
            }
            stop.await();
            if (!parent.quiet) {
                parent.err.println("ccotel: stopping; finishing in-flight exports");
            }
        }
        return Cli.OK;
    }

    /** Where the launcher's statusline finds this daemon; nothing for a dry run or without the HTTP listener. */
    private EndpointFile endpointFile(DaemonConfig config, Daemon daemon) {
        if (dryRun || daemon.httpPort().isEmpty()) {
            return null; // try-with-resources skips a null
        }
        return EndpointFile.write(XdgDirs.daemonEndpoint(parent.environment), config.httpReceiver().orElseThrow().host(),
                daemon.httpPort().get());
    }

    /**
     * Whether the configured ports are taken, asked before anything starts: a second daemon beside a
     * running one is said in one line (and its pid), not in the web server's stack of errors.
     */
    private Optional<String> portsTaken(DaemonConfig config) {
        int grpcPort = config.receiver().port();
        Optional<HttpReceiverConfig> http = config.httpReceiver().filter(h -> h.port() != 0);
        if (grpcPort == 0 && http.isEmpty()) {
            return Optional.empty();
        }
        DaemonProbe.Found found = DaemonProbe.probe(config.receiver().host(), grpcPort,
                http.map(HttpReceiverConfig::host), http.map(HttpReceiverConfig::port).orElse(0),
                DaemonProbe.FIRST_WAIT, line -> { });
        return switch (found) {
            case DaemonProbe.Found.NothingListens n -> Optional.empty();
            case DaemonProbe.Found.Running r -> Optional.of("a ccotel daemon already runs on " + r.address()
                    + r.statusJson().map(DaemonCommand::pid).orElse("") + "; 'ccotel status' shows it. Not starting"
                    + " a second one (or give this one other ports: --port, receiver.http.port)");
            case DaemonProbe.Found.NoAnswer a -> Optional.of("cannot listen on " + a.address() + ": another program"
                    + " listens there (" + a.why() + "); stop it, or choose other ports (--port, receiver.port,"
                    + " receiver.http.port)");
        };
    }

    private static String pid(String statusJson) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"pid\"\\s*:\\s*(\\d+)").matcher(statusJson);
        return m.find() ? " (pid " + m.group(1) + ")" : "";
    }
}
