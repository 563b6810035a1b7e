package dev.ccotel.app.runtime;

import dev.ccotel.adapter.http.HttpPublishers;
import dev.ccotel.adapter.http.JsonLinesPublisher;
import dev.ccotel.adapter.http.client.BackendClient;
import dev.ccotel.adapter.http.wire.WireEncoder;
import dev.ccotel.adapter.sqlite.SqliteStore;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.app.config.Delivery;
import dev.ccotel.domain.SessionLedger;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import dev.ccotel.ports.model.DeliveryStatus;
import dev.ccotel.ports.model.OutboxDepth;
import dev.ccotel.ports.out.DeliveryStatusPort;
import dev.ccotel.ports.out.KeepTelemetryPort;
import dev.ccotel.ports.out.LoadSessionStatePort;
import dev.ccotel.ports.out.PublishTelemetryPort;
import dev.ccotel.ports.service.status.BackendDeliveryStatus;
import dev.ccotel.ports.service.status.DestinationRecord;
import dev.ccotel.ports.service.status.ExportCounters;
import dev.ccotel.ports.service.ingest.ExportPipeline;
import dev.ccotel.ports.service.forward.ForwardPendingService;
import dev.ccotel.ports.service.ingest.InMemorySessionStates;
import dev.ccotel.ports.service.ingest.IngestLogsService;
import dev.ccotel.ports.service.ingest.IngestMetricsService;
import dev.ccotel.ports.service.ingest.PassthroughKeeper;
import dev.ccotel.ports.service.status.StoreKeepStatus;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** The running collector: the wiring of store or ledger, mapper, pipeline, forwarder and receiver. */
public final class Daemon implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Daemon.class.getName());

    /** What to close, newest first: the reverse of the order things were started in. */
    private final Deque<AutoCloseable> started;
    private final Receivers receivers;
    private final Optional<SqliteStore> store;
    private final String destination;

    private Daemon(Deque<AutoCloseable> started, Receivers receivers, Optional<SqliteStore> store,
            String destination) {
        this.started = started;
        this.receivers = receivers;
        this.store = store;
        this.destination = destination;
    }

    /**
     * Starts the outbound side first (store, backend client, forwarder) and the gRPC server last,
     * so that no export is accepted before it can be kept.
     *
     * @param dryRunOut where {@code --dry-run} prints requests
     */
    public static Daemon start(DaemonConfig config, Clock clock, PrintStream dryRunOut) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            Outbound outbound = outbound(config, clock, dryRunOut, started);
            ExportCounters counters = new ExportCounters(clock);
            // Created now, so its run (in the ids of records without a session.id) is this daemon's start.
            OtlpMapper mapper = new OtlpMapper(clock, config.mapping());
            ExportPipeline pipeline = new ExportPipeline(mapper, outbound.states, new WireEncoder(),
                    outbound.activity.around(outbound.keeper), clock, counters);
            Receivers receivers = Receivers.start(config, clock, counters, new IngestMetricsService(pipeline),
                    new IngestLogsService(pipeline), outbound.status);
            started.push(receivers);
            outbound.store.ifPresent(store -> store.holderIs("OTLP/gRPC " + config.receiver().host() + ":"
                    + receivers.grpcPort() + receivers.httpPort().map(p -> ", OTLP/HTTP "
                    + config.httpReceiver().orElseThrow().host() + ":" + p).orElse("")));
            return new Daemon(started, receivers, outbound.store, outbound.destination);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    private record Outbound(LoadSessionStatePort states, KeepTelemetryPort keeper, Optional<SqliteStore> store,
            String destination, DeliveryStatusPort status, ActivityLog activity) {}

    private static Outbound outbound(DaemonConfig config, Clock clock, PrintStream dryRunOut,
            Deque<AutoCloseable> started) {
        return switch (config.delivery()) {
            case Delivery.DryRun d -> passthrough(config, new JsonLinesPublisher(dryRunOut), "dry-run (stdout)", clock,
                    "dry run", started);
            case Delivery.Passthrough p -> {
                BackendClient client = HttpPublishers.retrying(p.backend());
                started.push(client);
                yield passthrough(config, client, p.backend().endpoint().toString(), clock, "forwarding to "
                        + p.backend().endpoint() + " (passthrough: nothing kept locally)", started);
            }
            case Delivery.Stored s -> {
                SqliteStore store = SqliteStore.open(s.store(), clock); // prunes once at open
                started.push(store);
                started.push(DailyPrune.start(store));
                config.imports().ifPresent(i -> started.push(PeriodicImport.start(
                        PeriodicImport.useCase(store, s.store().path()), i)));
                List<DestinationRecord> records = new ArrayList<>();
                DestinationRecord local = new DestinationRecord("local store " + s.store().path(), clock);
                records.add(local);
                Runnable wake = () -> { };
                ActivityLog activity = new ActivityLog("stored");
                started.push(activity);
                String destination = "storing in " + s.store().path();
                if (s.backend().isPresent()) {
                    BackendClient client = HttpPublishers.direct(s.backend().get());
                    started.push(client);
                    DestinationRecord backend = new DestinationRecord(s.backend().get().endpoint().toString(), clock);
                    records.add(backend);
                    OutboxForwarder forwarder = new OutboxForwarder(new ForwardPendingService(store.outbox(),
                            new BackendDeliveryStatus(client, backend)), s.backend().get().endpoint().toString(), clock,
                            activity::forwarded);
                    forwarder.start();
                    started.push(forwarder);
                    activity.showForwarding(() -> store.outbox().depth().requests());
                    wake = forwarder::wake;
                    destination += " and forwarding to " + s.backend().get().endpoint();
                    OutboxDepth waiting = store.outbox().depth();
                    if (waiting.requests() > 0) {
                        LOG.log(Level.INFO, "{0} request(s), {1} bytes wait in the outbox from an earlier run;"
                                + " sending them in order", waiting.requests(), waiting.bytes());
                    }
                } else {
                    destination += " (no backend.token is set, so nothing is forwarded; set backend.token to also"
                            + " forward to a backend)";
                }
                DeliveryStatusPort status = () -> new DeliveryStatus(
                        records.stream().map(DestinationRecord::destination).toList(), depthOf(store), store.unusable());
                yield new Outbound(store.sessionStates(), new StoreKeepStatus(store.keeper(), local, wake),
                        Optional.of(store), destination, status, activity);
            }
        };
    }

    private static Outbound passthrough(DaemonConfig config, PublishTelemetryPort publisher, String name,
            Clock clock, String destination, Deque<AutoCloseable> started) {
        ActivityLog activity = new ActivityLog(name.startsWith("dry-run") ? "printed" : "forwarded");
        started.push(activity);
        InMemorySessionStates states = new InMemorySessionStates(
                new SessionLedger(clock, config.maxSessions(), config.sessionIdleTimeout()));
        DestinationRecord record = new DestinationRecord(name, clock);
        DeliveryStatusPort status = () -> new DeliveryStatus(List.of(record.destination()), OutboxDepth.EMPTY);
        return new Outbound(states, new PassthroughKeeper(new BackendDeliveryStatus(publisher, record), states),
                Optional.empty(), destination, status, activity);
    }

    /** What waits, for {@code /status}; a store that cannot be read right now reports nothing waiting rather than fail the page. */
    private static OutboxDepth depthOf(SqliteStore store) {
        try {
            return store.outbox().depth();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "outbox depth unavailable: " + e.getMessage());
            return OutboxDepth.EMPTY;
        }
    }

    /** The OTLP/gRPC port. */
    public int port() {
        return receivers.grpcPort();
    }

    /** The OTLP/HTTP port, unless {@code receiver.http.enabled} is false. */
    public Optional<Integer> httpPort() {
        return receivers.httpPort();
    }

    /** Where exports go, in words, for the start-up line. */
    public String destination() {
        return destination;
    }

    /** The local store, when the daemon keeps one. */
    public Optional<SqliteStore> store() {
        return store;
    }

    /**
     * Stops in reverse order: the receivers first (stop accepting, let in-flight exports finish,
     * which still keep), then the forwarder (after the request in flight), the backend client,
     * and the store last, since everything before it writes to it.
     */
    @Override
    public void close() {
        closeAll(started);
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "error while closing " + c.getClass().getSimpleName(), e);
            }
        }
    }
}
