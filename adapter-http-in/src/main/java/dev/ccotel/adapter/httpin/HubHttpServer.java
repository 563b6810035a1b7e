package dev.ccotel.adapter.httpin;

import dev.ccotel.adapter.httpin.hub.ContractRoute;
import dev.ccotel.adapter.httpin.hub.HubListenerConfig;
import dev.ccotel.adapter.httpin.hub.MemberAuthorization;
import dev.ccotel.adapter.httpin.listener.ConnectionGate;
import dev.ccotel.ports.in.IdentifyMemberUseCase;
import dev.ccotel.ports.in.IngestAsMemberUseCase;
import dev.ccotel.ports.in.IngestForwardedUseCase;
import dev.ccotel.ports.model.Member;
import dev.ccotel.ports.service.hub.MemberQuota;
import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.socket.SocketOptions;
import io.helidon.common.tls.Tls;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The team hub's one HTTP port: the backend contract a daemon forwards ({@code POST /api/v1/cc/otel})
 * and raw OTLP/HTTP straight from Claude Code ({@code /v1/logs}, {@code /v1/metrics},
 * {@code /v1/traces}), every request attributed to the member whose token it carries, and
 * {@code /healthz}. The OTLP exchange (media types, bounds, replies) is the daemon's own.
 */
public final class HubHttpServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HubHttpServer.class.getName());
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final HubListenerConfig config;
    private final Admission admission;
    private final ConnectionGate gate;
    private final WebServer server;

    /**
     * @param dashboard the team's dashboard at {@code /} (its page and {@code /api/*}), for members only: a
     *     browser is asked for the member's token (HTTP Basic, the token as the password)
     * @param quota each member's bounds, shared with the hub's gRPC listener
     */
    public HubHttpServer(HubListenerConfig config, IdentifyMemberUseCase members, MemberQuota quota,
            IngestForwardedUseCase forwarded, IngestAsMemberUseCase otlp, Optional<RouteSet> dashboard) {
        this.config = Objects.requireNonNull(config, "config");
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("hub.host: cannot resolve '" + config.host() + "'");
        }
        this.admission = new Admission(config.maxConcurrentExports());
        OtlpExchange exchange = new OtlpExchange(config.maxMessageBytes(), admission);
        MemberAuthorization auth = new MemberAuthorization(members);
        Objects.requireNonNull(quota, "quota");
        ContractRoute contract = new ContractRoute(forwarded, config.maxMessageBytes());
        HttpRouting.Builder routing = HttpRouting.builder();
        if (dashboard.isPresent()) {
            // Before every route: the dashboard's paths ask for a member; the others check their own tokens.
            routing.addFilter((chain, req, res) -> {
                if (!isDashboard(req.path().path()) || auth.viewer(req, res).isPresent()) {
                    chain.proceed();
                }
            });
            dashboard.get().register(routing);
        }
        routing.post(ContractRoute.PATH, asMember(auth, quota, m -> (req, res) -> contract.handle(m, req, res)));
        routing.post("/v1/logs", asMember(auth, quota, m -> exchange.handler(new LogsRoute(otlp.logs(m)))));
        routing.post("/v1/metrics", asMember(auth, quota, m -> exchange.handler(new MetricsRoute(otlp.metrics(m)))));
        routing.post("/v1/traces", asMember(auth, quota, m -> exchange.handler(new TracesRoute(otlp.traces(m)))));
        routing.get("/healthz", (req, res) -> res.status(admission.closing() ? 503 : 200)
                .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8").send(admission.closing() ? "closing\n" : "ok\n"));
        this.gate = new ConnectionGate(config.maxConnections(), Duration.ofSeconds(10), Clock.systemUTC());
        WebServerConfig.Builder builder = WebServer.builder()
                .address(address.getAddress())
                .port(config.port())
                .connectionOptions(gate.socketOptions(SocketOptions.create()))
                .addProtocol(Http1Config.builder().addReceiveListener(gate.headListener()).build())
                .idleConnectionTimeout(Duration.ofMinutes(2))
                .contentEncoding(GzipPassThrough.context())
                .shutdownGracePeriod(Duration.ofMillis(500))
                .shutdownHook(false)
                .routing(routing);
        config.tls().ifPresent(tls -> builder.tls(tls(tls)));
        this.server = builder.build();
    }

    /** The dashboard's page and JSON API; the backend contract shares the {@code /api/} prefix and is not one of them. */
    private static boolean isDashboard(String path) {
        return path.equals("/") || path.startsWith("/assets/")
                || (path.startsWith("/api/") && !path.startsWith("/api/v1/"));
    }

    /** The member's token checked, then the member's own bound, then the handler. */
    private static Handler asMember(MemberAuthorization auth, MemberQuota quota, Function<Member, Handler> handler) {
        return (req, res) -> {
            Optional<Member> member = auth.member(req, res);
            if (member.isEmpty()) {
                return;
            }
            switch (quota.tryEnter(member.get())) {
                case MemberQuota.Entry.Refused refused -> res.status(429).header(HeaderNames.RETRY_AFTER, "1")
                        .header(HeaderNames.CONTENT_TYPE, "application/json")
                        .send("{\"success\":false,\"message\":\"this member is over the hub's bound of "
                                + refused.description() + " (" + key(refused.bound()) + "); retry\"}");
                case MemberQuota.Entry.Admitted admitted -> {
                    try {
                        handler.apply(member.get()).handle(req, res);
                    } finally {
                        admitted.leave().run();
                    }
                }
            }
        };
    }

    /** The setting that raises a bound, named in the 429's message. */
    static String key(MemberQuota.Bound bound) {
        return switch (bound) {
            case IN_FLIGHT -> "hub.max-concurrent-per-member";
            case PER_SECOND -> "hub.max-requests-per-second";
        };
    }

    private static Tls tls(HubListenerConfig.Tls files) {
        Keys keys = Keys.builder().pem(pem -> pem.key(Resource.create(files.privateKey()))
                .certChain(Resource.create(files.certificate()))).build();
        return Tls.builder()
                .privateKey(keys.privateKey().orElseThrow(() -> new IllegalArgumentException(
                        "hub.tls.private-key: no private key in " + files.privateKey())))
                .privateKeyCertChain(keys.certChain())
                .build();
    }

    public HubHttpServer start() {
        server.start();
        if (!server.isRunning()) {
            gate.close();
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port()
                    + "; check hub.host and hub.port (is another hub running?)");
        }
        LOG.log(System.Logger.Level.INFO, "hub on {0}://{1}:{2,number,#} (backend contract and OTLP/HTTP)",
                config.tls().isPresent() ? "https" : "http", config.host(), port());
        return this;
    }

    public int port() {
        return server.port();
    }

    /** Stops taking requests, lets those in flight finish, then stops the listener. */
    @Override
    public void close() {
        try {
            admission.drain(GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.stop();
            gate.close();
        }
    }
}
