package dev.ccotel.app.config;

import static dev.ccotel.app.config.ConfigKeys.*;

import dev.ccotel.adapter.grpc.GrpcReceiverConfig;
import dev.ccotel.adapter.httpout.client.HttpOutConfig;
import dev.ccotel.adapter.httpin.HttpReceiverConfig;
import dev.ccotel.adapter.sqlite.StoreConfig;
import dev.ccotel.domain.ContentKind;
import dev.ccotel.domain.MappingOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * One typed config record per part of the daemon, read once from {@link Settings} and validated at
 * start-up. The adapters' own records check their values and name the key in every message.
 *
 * @param delivery where exports go: the local store (and a backend when a token is set), passthrough, or a dry run
 * @param httpReceiver the OTLP/HTTP listener; empty when {@code receiver.http.enabled} is false
 * @param statusline the statusline's look and the budgets (served on the OTLP/HTTP listener)
 * @param imports the import of Claude Code's transcripts the daemon runs; empty when {@code import.auto} is false
 *     or nothing is stored
 */
public record DaemonConfig(GrpcReceiverConfig receiver, Delivery delivery, MappingOptions mapping,
        int maxSessions, Duration sessionIdleTimeout, Optional<HttpReceiverConfig> httpReceiver,
        StatuslineConfig statusline, Optional<ImportConfig> imports) {

    public static DaemonConfig from(Settings s, Map<String, String> environment, String version, String host,
            boolean dryRun) {
        try {
            GrpcReceiverConfig receiver = new GrpcReceiverConfig(
                    s.string(RECEIVER_HOST),
                    s.integer(RECEIVER_PORT, 0, 65_535),
                    (int) Math.min(Integer.MAX_VALUE, s.bytes(RECEIVER_MAX_MESSAGE_BYTES)),
                    s.integer(RECEIVER_MAX_CONCURRENT_CALLS, 1, 100_000),
                    s.duration(RECEIVER_SHUTDOWN_GRACE));
            MappingOptions mapping = mapping(s, host);
            Delivery delivery = delivery(s, environment, version, dryRun);
            Optional<ImportConfig> imports = ImportConfig.from(s, environment);
            return new DaemonConfig(receiver, delivery, mapping,
                    s.integer(SESSIONS_MAX, 1, 10_000_000),
                    positive(SESSIONS_IDLE_TIMEOUT, s.duration(SESSIONS_IDLE_TIMEOUT)), httpReceiver(s, receiver),
                    StatuslineConfig.from(s), delivery instanceof Delivery.Stored ? imports : Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new ConfigError(s.asWritten(e.getMessage()), e); // the adapters' records name the key
        } catch (ConfigError e) {
            String message = s.asWritten(e.getMessage());
            throw message.equals(e.getMessage()) ? e : new ConfigError(message, e);
        }
    }

    /** The content the privacy keys let through; every other kind is withheld (README, "Configuration"). */
    public static MappingOptions mapping(Settings s, String host) {
        Set<ContentKind> kept = EnumSet.noneOf(ContentKind.class);
        PRIVACY.forEach((kind, key) -> {
            if (s.bool(key)) {
                kept.add(kind);
            }
        });
        return new MappingOptions(host, kept);
    }

    /**
     * The size, concurrency and grace bounds are the gRPC receiver's keys: one set of limits per daemon. The
     * connection bounds are the HTTP listener's own, since gRPC's connections are HTTP/2 and long-lived.
     */
    private static Optional<HttpReceiverConfig> httpReceiver(Settings s, GrpcReceiverConfig grpc) {
        if (!s.bool(RECEIVER_HTTP_ENABLED)) {
            return Optional.empty();
        }
        int port = s.integer(RECEIVER_HTTP_PORT, 0, 65_535);
        if (port != 0 && port == grpc.port() && s.string(RECEIVER_HTTP_HOST).equals(grpc.host())) {
            throw new ConfigError(RECEIVER_HTTP_PORT + " " + port + " is also " + RECEIVER_PORT + ": the OTLP/HTTP and "
                    + "OTLP/gRPC listeners need a port each (defaults 4318 and 4317), or set " + RECEIVER_HTTP_ENABLED
                    + ": false");
        }
        return Optional.of(new HttpReceiverConfig(s.string(RECEIVER_HTTP_HOST), port, grpc.maxInboundMessageBytes(),
                grpc.maxConcurrentCalls(), grpc.shutdownGrace(), s.integer(RECEIVER_HTTP_MAX_CONNECTIONS, 1, 100_000),
                s.duration(RECEIVER_HTTP_HEADER_TIMEOUT), s.duration(RECEIVER_HTTP_IDLE_TIMEOUT)));
    }

    /**
     * Every delivery value is checked whatever the mode, so that {@code ccotel config}, {@code --dry-run}
     * and the daemon refuse the same values; only the token may be missing where nothing is posted.
     */
    private static Delivery delivery(Settings s, Map<String, String> environment, String version, boolean dryRun) {
        boolean hasToken = !s.string(BACKEND_TOKEN).isBlank();
        HttpOutConfig checkedBackend = backend(s, version, hasToken ? s.string(BACKEND_TOKEN) : "not-needed-yet");
        String mode = s.string(DELIVERY_MODE).strip();
        // delivery.spool.enabled: false is the older spelling of passthrough; an explicit delivery.mode wins.
        boolean passthrough = mode.equals("passthrough")
                || s.origin(DELIVERY_MODE) == Settings.Origin.DEFAULT && !s.bool(DELIVERY_SPOOL_ENABLED);
        if (!mode.equals("store") && !mode.equals("passthrough")) {
            throw new ConfigError(DELIVERY_MODE + ": '" + mode + "' is not a mode; write store (the default: keep"
                    + " locally, forward when backend.token is set) or passthrough (keep nothing, post inside the call)");
        }
        StoreConfig store = store(s, environment, hasToken);
        if (dryRun) {
            return new Delivery.DryRun();
        }
        if (passthrough) {
            if (!hasToken) {
                throw new ConfigError(BACKEND_TOKEN + " is not set, and " + DELIVERY_MODE + ": passthrough keeps"
                        + " nothing locally: set the token in " + s.file().orElse(XdgDirs.configFile(environment))
                        + " (backend: {token: ...}) or export " + ConfigKeys.environmentVariable(BACKEND_TOKEN)
                        + ", or use " + DELIVERY_MODE + ": store");
            }
            return new Delivery.Passthrough(checkedBackend);
        }
        return new Delivery.Stored(store, hasToken ? Optional.of(checkedBackend) : Optional.empty());
    }

    private static HttpOutConfig backend(Settings s, String version, String token) {
        return new HttpOutConfig(s.string(BACKEND_URL), token, s.duration(BACKEND_TIMEOUT), version,
                s.duration(DELIVERY_RETRY_BUDGET));
    }

    /**
     * Where the local store is: {@code store.path}, else the XDG default. Reads that key alone, so that a command
     * that only reads the store (report, status) is not refused for a bound it does not use.
     */
    public static Path storePath(Settings s, Map<String, String> environment) {
        String path = s.string(STORE_PATH);
        return path.isBlank() ? XdgDirs.storeFile(environment) : Path.of(path);
    }

    /** The store as the daemon opens it, for a command that opens it while no daemon runs ({@code ccotel import}). */
    public static StoreConfig store(Settings s, Map<String, String> environment) {
        try {
            return store(s, environment, !s.string(BACKEND_TOKEN).isBlank());
        } catch (IllegalArgumentException e) {
            throw new ConfigError(s.asWritten(e.getMessage()), e);
        }
    }

    private static StoreConfig store(Settings s, Map<String, String> environment, boolean forward) {
        String maxAge = s.string(STORE_MAX_AGE).strip();
        Duration age = maxAge.isEmpty() ? StoreConfig.KEEP_FOREVER
                : maxAge.equals("0") ? Duration.ZERO : s.duration(STORE_MAX_AGE);
        return new StoreConfig(storePath(s, environment), age, forward,
                s.bytes(DELIVERY_OUTBOX_MAX_BYTES), s.duration(DELIVERY_OUTBOX_MAX_AGE));
    }

    private static Duration positive(String key, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new ConfigError(key + " must be positive, got " + d);
        }
        return d;
    }
}
