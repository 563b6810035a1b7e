package dev.ccotel.app.config;

import dev.ccotel.adapter.grpc.HubGrpcConfig;
import dev.ccotel.adapter.httpin.hub.HubListenerConfig;
import dev.ccotel.adapter.postgres.PostgresConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code ccotel hub} runs with, read once from {@code hub.*} and validated; a bad value stops
 * start-up with a message that names the key.
 */
public record HubConfig(HubListenerConfig listener, Optional<HubGrpcConfig> grpc, PostgresConfig database) {

    public static HubConfig from(Settings settings) {
        HubListenerConfig listener = listener(settings);
        return new HubConfig(listener, grpc(settings, listener), database(settings));
    }

    /** OTLP/gRPC beside the HTTP port when {@code hub.grpc-port} is set, on the same host with the same TLS. */
    private static Optional<HubGrpcConfig> grpc(Settings settings, HubListenerConfig listener) {
        if (settings.string(ConfigKeys.HUB_GRPC_PORT).isBlank()) {
            return Optional.empty();
        }
        int port = settings.integer(ConfigKeys.HUB_GRPC_PORT, 0, 65_535);
        if (port != 0 && port == listener.port()) {
            throw new ConfigError(ConfigKeys.HUB_GRPC_PORT + " " + port + " is also " + ConfigKeys.HUB_PORT
                    + "; give OTLP/gRPC a port of its own (4317 is the usual one)");
        }
        return Optional.of(new HubGrpcConfig(listener.host(), port, listener.maxMessageBytes(),
                listener.maxConcurrentExports(), listener.tls().map(HubListenerConfig.Tls::certificate),
                listener.tls().map(HubListenerConfig.Tls::privateKey)));
    }

    /** Only the database: what {@code hub member} and {@code hub report} need. */
    public static PostgresConfig database(Settings settings) {
        String url = settings.string(ConfigKeys.HUB_DATABASE_URL).strip();
        if (url.isEmpty()) {
            throw new ConfigError(ConfigKeys.HUB_DATABASE_URL + " is not set: the hub keeps its members' records in"
                    + " PostgreSQL; set it to a JDBC URL such as jdbc:postgresql://127.0.0.1:5432/ccotel (with "
                    + ConfigKeys.HUB_DATABASE_USER + " and " + ConfigKeys.HUB_DATABASE_PASSWORD + ")");
        }
        try {
            return new PostgresConfig(url, settings.string(ConfigKeys.HUB_DATABASE_USER),
                    settings.string(ConfigKeys.HUB_DATABASE_PASSWORD),
                    settings.integer(ConfigKeys.HUB_DATABASE_POOL_SIZE, 1, 1000), PostgresConfig.DEFAULT_LOCK_WAIT);
        } catch (IllegalArgumentException e) {
            throw new ConfigError(e.getMessage());
        }
    }

    private static HubListenerConfig listener(Settings settings) {
        String certificate = settings.string(ConfigKeys.HUB_TLS_CERTIFICATE).strip();
        String key = settings.string(ConfigKeys.HUB_TLS_PRIVATE_KEY).strip();
        if (certificate.isEmpty() != key.isEmpty()) {
            throw new ConfigError(ConfigKeys.HUB_TLS_CERTIFICATE + " and " + ConfigKeys.HUB_TLS_PRIVATE_KEY
                    + " go together: set both (PEM files) for TLS, or neither");
        }
        Optional<HubListenerConfig.Tls> tls = certificate.isEmpty() ? Optional.empty()
                : Optional.of(new HubListenerConfig.Tls(Path.of(certificate), Path.of(key)));
        try {
            return new HubListenerConfig(settings.string(ConfigKeys.HUB_HOST).strip(),
                    settings.integer(ConfigKeys.HUB_PORT, 0, 65_535),
                    (int) Math.min(Integer.MAX_VALUE, settings.bytes(ConfigKeys.HUB_MAX_MESSAGE_BYTES)),
                    settings.integer(ConfigKeys.HUB_MAX_CONCURRENT_REQUESTS, 1, 100_000),
                    settings.integer(ConfigKeys.HUB_MAX_CONNECTIONS, 1, 1_000_000),
                    settings.integer(ConfigKeys.HUB_MAX_CONCURRENT_PER_MEMBER, 1, 100_000),
                    settings.integer(ConfigKeys.HUB_MAX_REQUESTS_PER_SECOND, 0, 1_000_000), tls,
                    settings.bool(ConfigKeys.HUB_ALLOW_PLAINTEXT));
        } catch (IllegalArgumentException e) {
            throw new ConfigError(e.getMessage());
        }
    }
}
