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
public final class Receivers implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Receivers.class.getName());

    private final OtlpGrpcServer grpc;
    private final Optional<OtlpHttpServer> http;

    public Receivers(OtlpGrpcServer grpc, Optional<OtlpHttpServer> http) {
        this.grpc = grpc;
        this.http = http;
    }

    public int grpcPort() {
        return grpc.port();
    }

    public Optional<Integer> httpPort() {
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
