package dev.ccotel.app.runtime;

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
import java.util.Optional;

/** The running collector: the wiring of ledger, mapper, services, publisher and receiver. */
public final class Daemon implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Daemon.class.getName());

    private final AutoCloseable publisherLifecycle;
    private final Receivers receivers;

    private Daemon(AutoCloseable publisherLifecycle, Receivers receivers) {
        this.publisherLifecycle = publisherLifecycle;
        this.receivers = receivers;
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
        // --- inbound (adapter-http-in branch): delivery status for /status, then both receivers. ---
        BackendDeliveryStatus delivery = lifecycle instanceof BackendPublisher backend
                ? new BackendDeliveryStatus(publisher, config.backend().orElseThrow().endpoint().toString(),
                        backend::spooledRecords, backend::spooledBytes, clock)
                : new BackendDeliveryStatus(publisher, "dry-run (stdout)", () -> 0, () -> 0, clock);
        Receivers receivers;
        try {
            receivers = Receivers.start(config, clock, new IngestMetricsService(mapper, delivery),
                    new IngestLogsService(mapper, delivery), delivery);
        } catch (RuntimeException e) {
            closeQuietly(lifecycle);
            throw e;
        }
        return new Daemon(lifecycle, receivers);
    }

    /** The OTLP/gRPC port. */
    public int port() {
        return receivers.grpcPort();
    }

    /** The OTLP/HTTP port, unless {@code receiver.http.enabled} is false. */
    public Optional<Integer> httpPort() {
        return receivers.httpPort();
    }

    /**
     * Stops in reverse order: the receivers first (stop accepting, let in-flight exports finish,
     * which may still publish), then the publisher, whose spool drainer must outlive them.
     */
    @Override
    public void close() {
        receivers.close();
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
