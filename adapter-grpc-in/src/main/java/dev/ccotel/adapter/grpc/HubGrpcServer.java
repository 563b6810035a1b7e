package dev.ccotel.adapter.grpc;

import dev.ccotel.ports.in.IdentifyMemberUseCase;
import dev.ccotel.ports.in.IngestAsMemberUseCase;
import dev.ccotel.ports.in.IngestLogsUseCase;
import dev.ccotel.ports.in.IngestMetricsUseCase;
import dev.ccotel.ports.in.IngestTracesUseCase;
import dev.ccotel.ports.service.hub.MemberQuota;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The team hub's OTLP/gRPC listener: the daemon's services (logs, metrics, traces) with each call's
 * use case chosen by the member its token names ({@link MemberCalls}). Unlike the daemon's, the hub
 * is reached by a name (a host, a load balancer), so no authority guard; and its calls run on virtual
 * threads from the start, since checking a token asks the database.
 */
public final class HubGrpcServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HubGrpcServer.class.getName());

    private final HubGrpcConfig config;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final Server server;

    /** @param quota each member's bounds, shared with the hub's HTTP port */
    public HubGrpcServer(HubGrpcConfig config, IdentifyMemberUseCase members, MemberQuota quota,
            IngestAsMemberUseCase otlp) {
        this.config = Objects.requireNonNull(config, "config");
        MemberCalls memberCalls = new MemberCalls(members);
        MemberBounds bounds = new MemberBounds(quota);
        ConcurrencyLimit limit = new ConcurrencyLimit(config.maxConcurrentCalls(), handlers);
        ConnectionOrigin origin = new ConnectionOrigin();
        // The use case runs on another virtual thread: the call's context (its member) goes with it.
        Executor blocking = Context.currentContextExecutor(handlers);
        IngestLogsUseCase logs = command -> otlp.logs(MemberCalls.current()).ingest(command);
        IngestMetricsUseCase metrics = command -> otlp.metrics(MemberCalls.current()).ingest(command);
        IngestTracesUseCase traces = command -> otlp.traces(MemberCalls.current()).ingest(command);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.port()))
                .executor(handlers)
                .maxInboundMessageSize(config.maxInboundMessageBytes())
                .addTransportFilter(origin)
                .addService(guarded(new MetricsServiceImpl(metrics, blocking), limit, bounds, origin, memberCalls))
                .addService(guarded(new LogsServiceImpl(logs, blocking), limit, bounds, origin, memberCalls))
                .addService(guarded(new TraceServiceImpl(traces, blocking), limit, bounds, origin, memberCalls));
        if (config.certificate().isPresent()) {
            builder.useTransportSecurity(config.certificate().get().toFile(), config.privateKey().orElseThrow().toFile());
        }
        this.server = builder.build();
    }

    /**
     * The member check outermost (the last named runs first): a call without a member's token takes no
     * place; then the member's own bounds, so one member over them takes no place in the overall limit.
     */
    private static ServerServiceDefinition guarded(BindableService service, ConcurrencyLimit limit,
            MemberBounds bounds, ConnectionOrigin origin, MemberCalls members) {
        return ServerInterceptors.intercept(MalformedRequestGuard.guard(service.bindService()), limit, bounds, origin,
                members);
    }

    public HubGrpcServer start() {
        try {
            server.start();
        } catch (IOException e) {
            handlers.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port()
                    + " for OTLP/gRPC: " + e.getMessage() + "; check hub.grpc-port", e);
        }
        LOG.log(System.Logger.Level.INFO, "hub OTLP/gRPC on {0}:{1,number,#}", config.host(), port());
        return this;
    }

    public int port() {
        return server.getPort();
    }

    /** Stops accepting, lets calls in flight finish for a while, then cancels the rest. */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
                server.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            handlers.shutdownNow();
        }
    }
}
