package dev.ccotel.app.runtime;

import dev.ccotel.adapter.grpc.OtlpGrpcServer;
import dev.ccotel.adapter.http.BackendPublisher;
import dev.ccotel.adapter.http.HttpPublishers;
import dev.ccotel.adapter.http.JsonLinesPublisher;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.domain.OtlpMapper;
import dev.ccotel.domain.SessionLedger;
import dev.ccotel.ports.out.PublishTelemetryPort;
import dev.ccotel.ports.service.IngestLogsService;
import dev.ccotel.ports.service.IngestMetricsService;
import java.io.PrintStream;
import java.time.Clock;

/** The running collector: the wiring of ledger, mapper, services, publisher and receiver. */
public final class Daemon implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Daemon.class.getName());

    private final AutoCloseable publisherLifecycle;
    private final OtlpGrpcServer server;

    private Daemon(AutoCloseable publisherLifecycle, OtlpGrpcServer server) {
        this.publisherLifecycle = publisherLifecycle;
        this.server = server;
    }

    /**
     * Starts the outbound side first and the gRPC server last, so that no export is accepted before
     * it can be forwarded.
     *
     * @param dryRunOut where {@code --dry-run} prints requests; used when the config has no backend
     */
    public static Daemon start(DaemonConfig config, Clock clock, PrintStream dryRunOut) {
        SessionLedger ledger = new SessionLedger(clock, config.maxSessions(), config.sessionIdleTimeout());
        OtlpMapper mapper = new OtlpMapper(ledger, config.mapping());
        PublishTelemetryPort publisher;
        AutoCloseable lifecycle;
        if (config.backend().isPresent()) {
            BackendPublisher backend = HttpPublishers.start(config.backend().get());
            if (backend.spooledRecords() > 0) {
                LOG.log(System.Logger.Level.INFO, "{0} request(s), {1} bytes wait in the spool from an earlier run; "
                        + "re-sending them in order", backend.spooledRecords(), backend.spooledBytes());
            }
            publisher = backend;
            lifecycle = backend;
        } else {
            publisher = new JsonLinesPublisher(dryRunOut);
            lifecycle = () -> { };
        }
        OtlpGrpcServer server = new OtlpGrpcServer(config.receiver(),
                new IngestMetricsService(mapper, publisher), new IngestLogsService(mapper, publisher));
        try {
            server.start();
        } catch (RuntimeException e) {
            closeQuietly(lifecycle);
            throw e;
        }
        return new Daemon(lifecycle, server);
    }

    public int port() {
        return server.port();
    }

    /**
     * Stops in reverse order: the receiver first (stop accepting, let in-flight exports finish,
     * which may still publish), then the publisher, whose spool drainer must outlive them.
     */
    @Override
    public void close() {
        server.close();
        closeQuietly(publisherLifecycle);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "error while closing the publisher", e);
        }
    }
}
