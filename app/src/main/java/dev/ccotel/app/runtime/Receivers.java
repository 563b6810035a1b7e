package dev.ccotel.app.runtime;

import dev.ccotel.adapter.grpc.GrpcReceiverConfig;
import dev.ccotel.adapter.grpc.OtlpGrpcServer;
import dev.ccotel.adapter.httpin.HttpReceiverConfig;
import dev.ccotel.adapter.httpin.OtlpHttpServer;
import dev.ccotel.adapter.httpin.RouteSet;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.ports.in.DaemonStatus.Listener;
import dev.ccotel.ports.in.IngestLogsUseCase;
import dev.ccotel.ports.in.IngestMetricsUseCase;
import dev.ccotel.ports.in.IngestTracesUseCase;
import dev.ccotel.ports.in.ReportStatusUseCase;
import dev.ccotel.ports.out.DeliveryStatusPort;
import dev.ccotel.ports.out.KeepSpansPort;
import dev.ccotel.ports.service.ingest.KeepSpansService;
import dev.ccotel.ports.service.status.CountTracesService;
import dev.ccotel.ports.service.status.CountingIngestLogs;
import dev.ccotel.ports.service.status.CountingIngestMetrics;
import dev.ccotel.ports.service.status.CountingIngestTraces;
import dev.ccotel.ports.service.status.ExportCounters;
import dev.ccotel.ports.service.status.ReportStatusService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The inbound side: the counting decorators around the ingest use cases, the status report, and the two
 * receivers (OTLP/gRPC, and OTLP/HTTP with /healthz, /status, /metrics) driving them. Both receivers take
 * the same use case instances, so the counts are the daemon's, not a listener's.
 */
final class Receivers implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Receivers.class.getName());

    private final OtlpGrpcServer grpc;
    private final Optional<OtlpHttpServer> http;

    private Receivers(OtlpGrpcServer grpc, Optional<OtlpHttpServer> http) {
        this.grpc = grpc;
        this.http = http;
    }

    /**
     * Starts the HTTP listener, then gRPC; a failure closes what had started and is rethrown.
     *
     * @param counters shared with the export pipeline, which counts what it skipped in them
     * @param spans where traces' spans are kept; empty: they are counted only
     * @param more further routes on the HTTP listener (the statusline's, the dashboard's), given the status report */
    static Receivers start(DaemonConfig config, Clock clock, ExportCounters counters, IngestMetricsUseCase metrics,
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
            Optional<String> httpEndpoint = http.map(h -> "http://" + endpointHost(config.httpReceiver().orElseThrow().host())
                    + ":" + h.port());
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

    /** A wildcard listen address is no address to send to: an exporter on this machine uses loopback. */
    private static String endpointHost(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
    }

    int grpcPort() {
        return grpc.port();
    }

    Optional<Integer> httpPort() {
        return http.map(OtlpHttpServer::port);
    }

    /** Stops both: each stops accepting, lets its exports in flight finish, then closes. */
    @Override
    public void close() {
        try {
            grpc.close();
        } finally {
            http.ifPresent(Receivers::closeQuietly);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "error while closing a receiver", e);
        }
    }
}
