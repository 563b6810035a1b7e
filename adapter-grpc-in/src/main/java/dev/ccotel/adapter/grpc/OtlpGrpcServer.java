package dev.ccotel.adapter.grpc;

import dev.ccotel.ports.in.IngestLogsUseCase;
import dev.ccotel.ports.in.IngestMetricsUseCase;
import dev.ccotel.ports.in.IngestTracesUseCase;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.netty.shaded.io.netty.util.internal.PlatformDependent;
import io.grpc.protobuf.services.HealthStatusManager;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The OTLP/gRPC receiver: the Metrics, Logs and Trace services plus the standard gRPC health service.
 * {@link #start()} binds, {@link #port()} tells the bound port, {@link #close()} drains and stops.
 */
public final class OtlpGrpcServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OtlpGrpcServer.class.getName());
    private static final List<String> OTLP_SERVICES = List.of(
            MetricsServiceGrpc.SERVICE_NAME, LogsServiceGrpc.SERVICE_NAME, TraceServiceGrpc.SERVICE_NAME);
    /** How long a forced stop waits for the transport after cancelling what was left. */
    private static final long FORCED_STOP_MILLIS = 1_000;
    /**
     * Transport threads, accepting and reading alike. Netty 4.2 wakes each event loop once a second
     * even when nothing happens, and gRPC's defaults would run one to accept and up to two per core
     * to read: five wake-ups a second of an idle daemon on two cores, two with this. The exports
     * themselves run on virtual threads.
     */
    private static final int TRANSPORT_THREADS = 2;

    private final GrpcReceiverConfig config;
    private final InetSocketAddress address;
    private final HealthStatusManager health = new HealthStatusManager();
    private final ExecutorService handlers;
    private final EventLoopGroup transport;
    private final Server server;
    private final ConcurrencyLimit limit;
    private final Clock clock;
    private WrongProtocolWarning wrongProtocol;
    private Optional<String> httpEndpoint = Optional.empty();
    private boolean started;
    private boolean closed;

    public OtlpGrpcServer(GrpcReceiverConfig config, IngestMetricsUseCase metrics, IngestLogsUseCase logs,
            IngestTracesUseCase traces) {
        this(config, metrics, logs, traces, Clock.systemUTC());
    }

    /** @param clock paces the wrong-protocol warning (once a minute) */
    OtlpGrpcServer(GrpcReceiverConfig config, IngestMetricsUseCase metrics, IngestLogsUseCase logs,
            IngestTracesUseCase traces, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
        this.address = new InetSocketAddress(config.host(), config.port());
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("receiver.host: cannot resolve '" + config.host()
                    + "'; set it to an address of this machine such as " + GrpcReceiverConfig.DEFAULT_HOST);
        }
        if (!address.getAddress().isLoopbackAddress()) {
            LOG.log(System.Logger.Level.WARNING, "receiver.host {0} is not a loopback address: anyone who can reach "
                    + "it may send telemetry, unauthenticated and in plain text", config.host());
        }
        DirectMemoryHeadroom.shortfall(config, PlatformDependent.maxDirectMemory())
                .ifPresent(warning -> LOG.log(System.Logger.Level.WARNING, warning));
        // Use cases block on the backend POST; virtual threads make a blocked export cost almost nothing.
        // Only they leave the transport threads (and calls waiting for a place): gRPC's own callbacks of
        // a call (headers, message, half-close, completion) are short, and handing each to its own
        // virtual thread cost ~10% more daemon CPU at 300 evenly spaced exports/s (docs/PERFORMANCE.md).
        this.handlers = Executors.newVirtualThreadPerTaskExecutor();
        this.limit = new ConcurrencyLimit(config.maxConcurrentCalls(), handlers);
        ConnectionOrigin origin = new ConnectionOrigin();
        MetricsServiceImpl metricsService = new MetricsServiceImpl(metrics, handlers);
        LogsServiceImpl logsService = new LogsServiceImpl(logs, handlers);
        TraceServiceImpl traceService = new TraceServiceImpl(traces, handlers);
        boolean epoll = Epoll.isAvailable();
        this.transport = new MultiThreadIoEventLoopGroup(TRANSPORT_THREADS, new DefaultThreadFactory("ccotel-grpc", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.server = NettyServerBuilder.forAddress(address)
                .bossEventLoopGroup(transport)
                .workerEventLoopGroup(transport)
                .channelType(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .directExecutor()
                .maxInboundMessageSize(config.maxInboundMessageBytes())
                .addTransportFilter(origin)
                // Every service, health included: a call not addressed to this listener's name goes no further.
                .intercept(new AuthorityGuard(ListenerAuthority.of(config.host()), this::port, clock))
                .addService(otlp(metricsService, limit, origin))
                .addService(otlp(logsService, limit, origin))
                .addService(otlp(traceService, limit, origin))
                .addService(health.getHealthService())
                .build();
    }

    /**
     * Where an OTLP/HTTP exporter that reached this gRPC port should point instead (the daemon's
     * OTLP/HTTP listener, e.g. {@code http://127.0.0.1:4318}), for the wrong-protocol warning; empty
     * when no such listener runs. Set before {@link #start()}.
     */
    public OtlpGrpcServer pointHttpExportersAt(Optional<String> endpoint) {
        this.httpEndpoint = Objects.requireNonNull(endpoint, "endpoint");
        return this;
    }

    /** Binds and starts serving; fails with a message naming the address and the key to change. */
    public synchronized OtlpGrpcServer start() {
        if (closed || started) {
            throw new IllegalStateException("the OTLP receiver can be started once; it is "
                    + (closed ? "closed" : "already running"));
        }
        try {
            server.start();
        } catch (IOException e) {
            closed = true;
            handlers.shutdownNow();
            transport.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new UncheckedIOException(bindFailure(e), e);
        }
        started = true;
        wrongProtocol = new WrongProtocolWarning(port(), httpEndpoint, clock).install();
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
        OTLP_SERVICES.forEach(service -> health.setStatus(service, ServingStatus.SERVING));
        LOG.log(System.Logger.Level.INFO, "OTLP/gRPC receiver listening on {0}:{1,number,#}", config.host(), port());
        return this;
    }

    /** The bound port, which differs from the configured one when that was 0. */
    public int port() {
        return server.getPort();
    }

    /** Blocks until the receiver has stopped, for a daemon's main thread. */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /**
     * Stops accepting, lets in-flight exports finish within {@code shutdownGrace}, then cancels the rest.
     * Health turns NOT_SERVING first so a watcher stops sending before the port goes away.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        health.enterTerminalState();
        server.shutdown();
        try {
            if (!server.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "exports still running after receiver.shutdown-grace {0}; "
                        + "cancelling them", config.shutdownGrace());
                server.shutdownNow();
                server.awaitTermination(FORCED_STOP_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            // Interrupts handlers still blocked in a use case after a forced stop.
            handlers.shutdownNow();
            transport.shutdownGracefully(0, 0, TimeUnit.SECONDS); // the server has stopped: nothing to wait for
            if (wrongProtocol != null) {
                wrongProtocol.uninstall();
            }
        }
    }

    /** Exports waiting for a place in {@code receiver.max-concurrent-calls} now. */
    int waitingForAPlace() {
        return limit.waiting();
    }

    /** HTTP/1.x requests that reached this gRPC port so far; 0 before start. */
    long wrongProtocolRequests() {
        return wrongProtocol == null ? 0 : wrongProtocol.seen();
    }

    /**
     * The limit goes outside the guard so that a call refused for malformed bytes gives its permit back
     * too; the origin outermost, so the whole call runs with it in its context.
     */
    private static ServerServiceDefinition otlp(BindableService service, ConcurrencyLimit limit,
            ConnectionOrigin origin) {
        return ServerInterceptors.intercept(MalformedRequestGuard.guard(service.bindService()), limit, origin);
    }

    /** Netty's native transport raises its own IOException type, so the cause is recognised by its text. */
    private String bindFailure(IOException e) {
        String where = config.host() + ":" + config.port();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("address already in use")) {
                return "cannot listen on " + where + ": address already in use (another ccotel daemon or OTLP "
                        + "collector?); stop it or set receiver.port";
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "cannot listen on " + where + ": " + root.getMessage() + "; check receiver.host and receiver.port";
    }
}
