package dev.ccotel.adapter.httpin;

import dev.ccotel.adapter.httpin.listener.ConnectionGate;
import dev.ccotel.adapter.httpin.listener.HostGuard;
import dev.ccotel.adapter.httpin.listener.ListenerAuthority;
import dev.ccotel.adapter.httpin.status.StatusRoutes;
import dev.ccotel.ports.in.IngestLogsUseCase;
import dev.ccotel.ports.in.IngestMetricsUseCase;
import dev.ccotel.ports.in.IngestTracesUseCase;
import dev.ccotel.ports.in.ReportStatusUseCase;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http1.Http1Config;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The OTLP/HTTP receiver ({@code POST /v1/logs}, {@code /v1/metrics}, {@code /v1/traces}, protobuf or
 * JSON) and the daemon's {@code /healthz}, {@code /status}, {@code /metrics}, on Helidon WebServer.
 * {@link #start()} binds, {@link #port()} tells the bound port, {@link #close()} drains and stops.
 */
public final class OtlpHttpServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OtlpHttpServer.class.getName());
    /** Helidon's own wait for connections after the drain; the exports have finished by then. */
    private static final Duration TRANSPORT_GRACE = Duration.ofMillis(500);
    /** How often Helidon looks for idle connections, at most: an idle daemon should not wake for it often. */
    private static final Duration LONGEST_IDLE_CHECK = Duration.ofMinutes(1);

    private final HttpReceiverConfig config;
    private final Admission admission;
    private final ConnectionGate gate;
    private final WebServer server;
    private boolean started;
    private boolean closed;

    public OtlpHttpServer(HttpReceiverConfig config, IngestMetricsUseCase metrics, IngestLogsUseCase logs,
            IngestTracesUseCase traces, ReportStatusUseCase status) {
        this(config, metrics, logs, traces, status, List.of());
    }

    /** @param more further routes, such as the statusline's, behind the same Host and Origin refusal */
    public OtlpHttpServer(HttpReceiverConfig config, IngestMetricsUseCase metrics, IngestLogsUseCase logs,
            IngestTracesUseCase traces, ReportStatusUseCase status, List<RouteSet> more) {
        this.config = Objects.requireNonNull(config, "config");
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("receiver.http.host: cannot resolve '" + config.host()
                    + "'; set it to an address of this machine such as " + HttpReceiverConfig.DEFAULT_HOST);
        }
        if (!address.getAddress().isLoopbackAddress()) {
            LOG.log(System.Logger.Level.WARNING, "receiver.http.host {0} is not a loopback address: anyone who can "
                    + "reach it may send telemetry and read /status, unauthenticated and in plain text", config.host());
        }
        this.admission = new Admission(config.maxConcurrentExports());
        OtlpExchange exchange = new OtlpExchange(config.maxMessageBytes(), admission);
        StatusRoutes statusRoutes = new StatusRoutes(status, () -> !admission.closing());
        HttpRouting.Builder routing = HttpRouting.builder();
        // A filter runs before every route, those added later too (statusline, dashboard), and before a 404.
        routing.addFilter(new HostGuard(ListenerAuthority.of(config.host()), this::port, config.maxMessageBytes(),
                Clock.systemUTC()));
        export(routing, "/v1/metrics", exchange, new MetricsRoute(metrics));
        export(routing, "/v1/logs", exchange, new LogsRoute(logs));
        export(routing, "/v1/traces", exchange, new TracesRoute(traces));
        statusRoutes.register(routing);
        more.forEach(routes -> routes.register(routing));
        for (String path : new String[] {"/healthz", "/status", "/metrics"}) {
            routing.any(path, (req, res) -> res.status(405).header(HeaderNames.ALLOW, "GET")
                    .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .send(req.prologue().method().text() + " " + path + " is not supported; use GET\n"));
        }
        this.gate = new ConnectionGate(config.maxConnections(), config.headerTimeout(), Clock.systemUTC());
        Duration idleCheck = config.idleTimeout().dividedBy(2);
        this.server = WebServer.builder()
                .address(address.getAddress())
                .port(config.port())
                .connectionOptions(gate.socketOptions(SocketOptions.create()))
                .addProtocol(Http1Config.builder().addReceiveListener(gate.headListener()).build())
                .idleConnectionTimeout(config.idleTimeout())
                .idleConnectionPeriod(idleCheck.compareTo(LONGEST_IDLE_CHECK) > 0 ? LONGEST_IDLE_CHECK : idleCheck)
                .contentEncoding(GzipPassThrough.context())
                .shutdownGracePeriod(TRANSPORT_GRACE)
                .shutdownHook(false) // the daemon closes its parts in order; a JVM hook of Helidon's would race it
                .routing(routing)
                .build();
    }

    private static void export(HttpRules rules, String path, OtlpExchange exchange, ExportSignal<?> signal) {
        rules.post(path, exchange.handler(signal));
        rules.any(path, (req, res) -> OtlpExchange.send(res, MediaKind.JSON,
                HttpReplies.methodNotAllowed(req.prologue().method().text(), path), false));
    }

    /**
     * Binds and starts serving; fails with a message naming the address and the key to change. The log
     * line says "on", not "listening on": scripts wait for the daemon's "listening on", which must mean
     * that gRPC is up too.
     */
    public synchronized OtlpHttpServer start() {
        if (closed || started) {
            throw new IllegalStateException("the OTLP/HTTP receiver can be started once; it is "
                    + (closed ? "closed" : "already running"));
        }
        try {
            server.start();
        } catch (RuntimeException e) {
            closed = true;
            gate.close();
            throw new IllegalStateException(bindFailure(e), e);
        }
        if (!server.isRunning()) {
            // Helidon logs a failed bind and returns instead of throwing.
            closed = true;
            gate.close();
            throw new IllegalStateException(bindFailure(probeBind()));
        }
        started = true;
        LOG.log(System.Logger.Level.INFO, "OTLP/HTTP receiver (and /healthz, /status, /metrics) on {0}:{1,number,#}",
                config.host(), port());
        return this;
    }

    /** The bound port, which differs from the configured one when that was 0. */
    public int port() {
        return server.port();
    }

    /** About how many exports wait for a place in {@code receiver.max-concurrent-calls} now. */
    int waitingForAPlace() {
        return admission.waiting();
    }

    /**
     * Stops taking exports (new ones get 503, /healthz says so), lets those in flight finish within
     * {@code shutdownGrace}, then stops the listener, which cuts what is left.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            if (!admission.drain(config.shutdownGrace())) {
                LOG.log(System.Logger.Level.WARNING, "OTLP/HTTP exports still running after receiver.shutdown-grace "
                        + "{0}; cutting them off", config.shutdownGrace());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (started) {
                server.stop();
            }
            gate.close();
        }
    }

    /** Binds the configured address once more, only to learn why Helidon could not. */
    private RuntimeException probeBind() {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.bind(new InetSocketAddress(config.host(), config.port()));
            return new IllegalStateException("the listener did not start; see the log above");
        } catch (java.io.IOException e) {
            return new java.io.UncheckedIOException(e);
        }
    }

    private String bindFailure(RuntimeException e) {
        String where = config.host() + ":" + config.port();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("address already in use")) {
                return "cannot listen on " + where + ": address already in use (another ccotel daemon or OTLP "
                        + "collector?); stop it or set receiver.http.port";
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "cannot listen on " + where + ": " + root.getMessage()
                + "; check receiver.http.host and receiver.http.port";
    }
}
