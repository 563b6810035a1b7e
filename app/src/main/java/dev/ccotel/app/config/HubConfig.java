package dev.ccotel.app.config;

import dev.ccotel.adapter.grpc.HubGrpcConfig;
import dev.ccotel.adapter.httpin.hub.HubListenerConfig;
import dev.ccotel.adapter.postgres.PostgresConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code ccotel hub} runs with, read once from {@code hub.*} and validated; a bad value stops
 * start-up with a message that names the key. The store is PostgreSQL or one SQLite file
 * ({@link HubDatabase}).
 */
public record HubConfig(HubListenerConfig listener, Optional<HubGrpcConfig> grpc, HubDatabase database) {

    /**
     * @param environment HOME and XDG_DATA_HOME, for the default SQLite file when neither
     *     {@code hub.database.url} nor {@code hub.database.path} is set
     */
    public static HubConfig from(Settings settings, Map<String, String> environment) {
        HubListenerConfig listener = listener(settings);
        return new HubConfig(listener, grpc(settings, listener), database(settings, environment));
    }

    /** For settings that name the database ({@code hub.database.url} or {@code hub.database.path}): no default file. */
    public static HubConfig from(Settings settings) {
        return from(settings, Map.of());
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

    /**
     * Only the database: what {@code hub member} and {@code hub report} need. PostgreSQL when
     * {@code hub.database.url} is set; otherwise the SQLite file {@code hub.database.path}, by default
     * {@code ${XDG_DATA_HOME:-~/.local/share}/ccotel/hub.db}, never the daemon's own store.
     */
    public static HubDatabase database(Settings settings, Map<String, String> environment) {
        String url = settings.string(ConfigKeys.HUB_DATABASE_URL).strip();
        String path = settings.string(ConfigKeys.HUB_DATABASE_PATH).strip();
        if (!url.isEmpty()) {
            if (!path.isEmpty()) {
                throw new ConfigError(ConfigKeys.HUB_DATABASE_URL + " and " + ConfigKeys.HUB_DATABASE_PATH
                        + " name two stores: set " + ConfigKeys.HUB_DATABASE_URL + " for PostgreSQL, or "
                        + ConfigKeys.HUB_DATABASE_PATH + " for one SQLite file, not both");
            }
            return new HubDatabase.PostgreSql(postgres(settings, url));
        }
        Path file = path.isEmpty() ? XdgDirs.hubFile(environment) : Path.of(path);
        if (Files.isDirectory(file)) {
            throw new ConfigError(ConfigKeys.HUB_DATABASE_PATH + " " + file + " is a folder; name the file, e.g. "
                    + file.resolve("hub.db"));
        }
        if (isTheDaemonsStore(file, settings, environment)) {
            throw new ConfigError(ConfigKeys.HUB_DATABASE_PATH + " " + file + " is the daemon's store ("
                    + ConfigKeys.STORE_PATH + "); give the hub a file of its own, such as the default "
                    + "${XDG_DATA_HOME:-~/.local/share}/ccotel/hub.db");
        }
        Folders.requireUsable(ConfigKeys.HUB_DATABASE_PATH, file.toAbsolutePath().getParent());
        return new HubDatabase.SqliteFile(file);
    }

    private static boolean isTheDaemonsStore(Path file, Settings settings, Map<String, String> environment) {
        Path store;
        try {
            store = DaemonConfig.storePath(settings, environment);
        } catch (ConfigError noHome) {
            return false; // no HOME and no store.path: there is no daemon's store to mistake it for
        }
        return file.toAbsolutePath().normalize().equals(store.toAbsolutePath().normalize());
    }

    private static PostgresConfig postgres(Settings settings, String url) {
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
