package dev.ccotel.app.compose;

import dev.ccotel.adapter.grpc.GrpcReceiverConfig;
import dev.ccotel.adapter.grpc.OtlpGrpcServer;
import dev.ccotel.adapter.httpin.HttpReceiverConfig;
import dev.ccotel.adapter.httpin.OtlpHttpServer;
import dev.ccotel.adapter.httpin.RouteSet;
import dev.ccotel.adapter.httpin.dashboard.DashboardRoutes;
import dev.ccotel.adapter.httpin.statusline.StatuslineRoutes;
import dev.ccotel.adapter.httpout.HttpPublishers;
import dev.ccotel.adapter.httpout.JsonLinesPublisher;
import dev.ccotel.adapter.httpout.client.BackendClient;
import dev.ccotel.adapter.httpout.wire.WireEncoder;
import dev.ccotel.ports.out.EncodeTelemetryPort;
import dev.ccotel.adapter.shellenv.git.GitCheckouts;
import dev.ccotel.adapter.sqlite.SqliteStore;
import dev.ccotel.adapter.sqlite.SqliteUsageReader;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.app.config.Delivery;
import dev.ccotel.app.runtime.ActivityLog;
import dev.ccotel.app.runtime.Daemon;
import dev.ccotel.app.runtime.DailyPrune;
import dev.ccotel.app.runtime.DesktopNotice;
import dev.ccotel.app.runtime.OutboxForwarder;
import dev.ccotel.app.runtime.PeriodicImport;
import dev.ccotel.adapter.transcripts.TranscriptFiles;
import dev.ccotel.adapter.transcripts.prices.PriceList;
import dev.ccotel.app.config.ImportConfig;
import dev.ccotel.app.config.ListenAddress;
import dev.ccotel.ports.service.imports.ImportTranscriptsService;
import dev.ccotel.app.runtime.Receivers;
import dev.ccotel.app.runtime.Version;
import dev.ccotel.domain.SessionLedger;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import dev.ccotel.ports.in.DaemonStatus.Listener;
import dev.ccotel.ports.in.IngestLogsUseCase;
import dev.ccotel.ports.in.IngestMetricsUseCase;
import dev.ccotel.ports.in.IngestTracesUseCase;
import dev.ccotel.ports.in.ReportStatusUseCase;
import dev.ccotel.ports.in.ReportUsageUseCase;
import dev.ccotel.ports.model.DeliveryStatus;
import dev.ccotel.ports.model.OutboxDepth;
import dev.ccotel.ports.out.DeliveryStatusPort;
import dev.ccotel.ports.out.KeepSessionContextPort;
import dev.ccotel.ports.out.KeepSpansPort;
import dev.ccotel.ports.out.KeepTelemetryPort;
import dev.ccotel.ports.out.LoadSessionStatePort;
import dev.ccotel.ports.out.PublishTelemetryPort;
import dev.ccotel.ports.service.forward.ForwardPendingService;
import dev.ccotel.ports.service.ingest.ExportPipeline;
import dev.ccotel.ports.service.ingest.InMemorySessionStates;
import dev.ccotel.ports.service.ingest.IngestLogsService;
import dev.ccotel.ports.service.ingest.IngestMetricsService;
import dev.ccotel.ports.service.ingest.KeepSpansService;
import dev.ccotel.ports.service.ingest.PassthroughKeeper;
import dev.ccotel.ports.service.report.LimitsReport;
import dev.ccotel.ports.service.report.OverviewService;
import dev.ccotel.ports.service.report.ReadSessionService;
import dev.ccotel.ports.service.report.ReportDecisionsService;
import dev.ccotel.ports.service.report.ReportUsageService;
import dev.ccotel.ports.service.report.SharedReads;
import dev.ccotel.ports.out.ReadUsagePort;
import dev.ccotel.ports.service.status.BackendDeliveryStatus;
import dev.ccotel.ports.service.status.CountTracesService;
import dev.ccotel.ports.service.status.CountingIngestLogs;
import dev.ccotel.ports.service.status.CountingIngestMetrics;
import dev.ccotel.ports.service.status.CountingIngestTraces;
import dev.ccotel.ports.service.status.DestinationRecord;
import dev.ccotel.ports.service.status.ExportCounters;
import dev.ccotel.ports.service.status.ReportStatusService;
import dev.ccotel.ports.service.status.StoreKeepStatus;
import dev.ccotel.ports.service.statusline.BudgetWatch;
import dev.ccotel.ports.service.statusline.StatuslineService;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The daemon's wires, all in one place: the store or the ledger, the mapper, the pipeline, the forwarder,
 * the receivers and the routes beside them (status, statusline, dashboard). Starts the outbound side first
 * and the receivers last, so that no export is accepted before it can be kept; hands back a running
 * {@link Daemon} that stops them in reverse. The hub is a second composition of the same ports.
 */
public final class DaemonComposition {
    private static final System.Logger LOG = System.getLogger(DaemonComposition.class.getName());

    /** A window of the history read for one reader serves the others asking within this, unless an export came. */
    private static final Duration SHARED_FOR = Duration.ofSeconds(2);

    private DaemonComposition() {
    }

    /** The backend's wire form, unless nothing is sent anywhere: a store without a backend. */
    private static EncodeTelemetryPort encoder(Delivery delivery) {
        return delivery instanceof Delivery.Stored stored && stored.backend().isEmpty() ? EncodeTelemetryPort.NOT_SENT
                : new WireEncoder();
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
            ExportCounters counters = new ExportCounters(clock);
            Outbound outbound = outbound(config, clock, dryRunOut, started, counters);
            // Created now, so its run (in the ids of records without a session.id) is this daemon's start.
            OtlpMapper mapper = new OtlpMapper(clock, config.mapping());
            ExportPipeline pipeline = new ExportPipeline(mapper, outbound.states, encoder(config.delivery()),
                    outbound.activity.around(outbound.keeper), clock, counters);
            StatuslineService statusline = new StatuslineService(
                    outbound.store.map(SqliteStore::sessionContexts).orElse(KeepSessionContextPort.NONE),
                    new GitCheckouts(), outbound.reads.map(reads -> new ReportUsageService(reads, clock)),
                    config.statusline().budgets(),
                    new BudgetWatch(config.statusline().budgets(), new DesktopNotice()), config.statusline().format(),
                    config.statusline().colour(), clock, ZoneId.systemDefault());
            AtomicBoolean open = new AtomicBoolean(true);
            Optional<DashboardRoutes.Views> views = outbound.reads.map(reads -> dashboard(reads, config, clock));
            Receivers receivers = receivers(config, clock, counters, new IngestMetricsService(pipeline),
                    new IngestLogsService(pipeline), outbound.status, outbound.store.map(SqliteStore::spans), status -> List.of(
                            new StatuslineRoutes(statusline, clock),
                            new DashboardRoutes(views, status, open::get, ZoneId.systemDefault(), clock)));
            started.push(receivers);
            started.push(() -> open.set(false)); // closed first: the dashboards' live streams end before the listener
            outbound.store.ifPresent(store -> store.holderIs("OTLP/gRPC " + config.receiver().host() + ":"
                    + receivers.grpcPort() + receivers.httpPort().map(p -> ", OTLP/HTTP "
                    + config.httpReceiver().orElseThrow().host() + ":" + p).orElse("")));
            return new Daemon(started, receivers, outbound.store.map(SqliteStore::outbox), outbound.destination);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /** The dashboard's views of the local store, in the machine's time zone. */
    private static DashboardRoutes.Views dashboard(ReadUsagePort reader, DaemonConfig config, Clock clock) {
        ReportUsageUseCase usage = new ReportUsageService(reader, clock);
        ZoneId zone = ZoneId.systemDefault();
        LimitsReport limits = new LimitsReport(reader, clock);
        return new DashboardRoutes.Views(new OverviewService(usage, limits, config.statusline().budgets(), clock, zone),
                usage, limits, new ReadSessionService(reader, clock, zone), new ReportDecisionsService(reader));
    }

    /** @param reads the local store's history, shared by the statusline and the dashboard; empty without a store */
    private record Outbound(LoadSessionStatePort states, KeepTelemetryPort keeper, Optional<SqliteStore> store,
            String destination, DeliveryStatusPort status, ActivityLog activity, Optional<ReadUsagePort> reads) {}

    private static Outbound outbound(DaemonConfig config, Clock clock, PrintStream dryRunOut,
            Deque<AutoCloseable> started, ExportCounters counters) {
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
                started.push(DailyPrune.start(store::prune));
                config.imports().ifPresent(i -> started.push(PeriodicImport.start(new ImportTranscriptsService(
                        new TranscriptFiles(), store.imports(), new PriceList(ImportConfig.pricesFile(s.store().path())),
                        1), i))); // one reader thread: the daemon's exports come first
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
                        Optional.of(store), destination, status, activity, Optional.of(new SharedReads(
                                new SqliteUsageReader(s.store().path()), counters::lastExport, clock, SHARED_FOR)));
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
                Optional.empty(), destination, status, activity, Optional.empty());
    }

    /**
     * Starts the HTTP listener, then gRPC; a failure closes what had started and is rethrown.
     *
     * @param counters shared with the export pipeline, which counts what it skipped in them
     * @param spans where traces' spans are kept; empty: they are counted only
     * @param more further routes on the HTTP listener (the statusline's, the dashboard's), given the status report */
    private static Receivers receivers(DaemonConfig config, Clock clock, ExportCounters counters, IngestMetricsUseCase metrics,
            IngestLogsUseCase logs, DeliveryStatusPort delivery, Optional<KeepSpansPort> spans,
            Function<ReportStatusUseCase, List<RouteSet>> more) {
        IngestMetricsUseCase countedMetrics = new CountingIngestMetrics(metrics, counters);
        IngestLogsUseCase countedLogs = new CountingIngestLogs(logs, counters);
        IngestTracesUseCase counted = new CountTracesService(counters);
        IngestTracesUseCase countedTraces = new CountingIngestTraces(spans.<IngestTracesUseCase>map(
                store -> new KeepSpansService(store, counted)).orElse(counted), counters);
        List<Listener> listeners = new CopyOnWriteArrayList<>();
        ReportStatusUseCase status = new ReportStatusService(Version.VALUE, ProcessHandle.current().pid(),
                () -> List.copyOf(listeners), counters, delivery, clock);

        List<AutoCloseable> started = new ArrayList<>();
        try {
            Optional<OtlpHttpServer> http = Optional.empty();
            if (config.httpReceiver().isPresent()) {
                HttpReceiverConfig httpConfig = config.httpReceiver().get();
                OtlpHttpServer server = new OtlpHttpServer(httpConfig, countedMetrics, countedLogs, countedTraces, status,
                        more.apply(status)).start();
                started.add(server);
                listeners.add(new Listener("otlp/http", httpConfig.host() + ":" + server.port()));
                http = Optional.of(server);
            }
            GrpcReceiverConfig grpcConfig = config.receiver();
            Optional<String> httpEndpoint = http.map(h -> "http://"
                    + ListenAddress.reachable(config.httpReceiver().orElseThrow().host(), h.port()));
            OtlpGrpcServer grpc = new OtlpGrpcServer(grpcConfig, countedMetrics, countedLogs, countedTraces)
                    .pointHttpExportersAt(httpEndpoint).start();
            listeners.add(0, new Listener("otlp/grpc", grpcConfig.host() + ":" + grpc.port()));
            return new Receivers(grpc, http);
        } catch (RuntimeException e) {
            for (AutoCloseable c : started) {
                closeQuietly(c);
            }
            throw e;
        }
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

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "error while closing a receiver", e);
        }
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
