package dev.ccotel.app.cli;

import dev.ccotel.app.runtime.Daemon;
import dev.ccotel.app.runtime.HostNames;
import dev.ccotel.app.runtime.Logging;
import dev.ccotel.app.runtime.Version;
import dev.ccotel.app.config.ConfigKeys;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.app.config.Folders;
import dev.ccotel.app.config.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
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
        // Said before anything starts, with the cause: the spool's own error names only the path.
        config.backend().filter(b -> b.spool().enabled())
                .ifPresent(b -> Folders.requireUsable(ConfigKeys.DELIVERY_SPOOL_DIR, b.spool().directory()));
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTermination(stop::countDown);
        try (Daemon daemon = Daemon.start(config, parent.clock, parent.out)) {
            if (!parent.quiet) {
                parent.err.printf("ccotel %s listening on %s:%d (%s)%n", Version.VALUE, config.receiver().host(),
                        daemon.port(), config.backend().map(b -> "forwarding to " + b.endpoint()).orElse("dry run"));
            }
            stop.await();
            if (!parent.quiet) {
                parent.err.println("ccotel: stopping; finishing in-flight exports");
            }
        }
        return Cli.OK;
    }
}
