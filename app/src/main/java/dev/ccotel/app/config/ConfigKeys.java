package dev.ccotel.app.config;

import dev.ccotel.ports.service.statusline.StatuslineFormat;
import dev.ccotel.adapter.grpc.GrpcReceiverConfig;
import dev.ccotel.adapter.httpout.client.HttpOutConfig;
import dev.ccotel.adapter.httpin.HttpReceiverConfig;
import dev.ccotel.adapter.httpin.hub.HubListenerConfig;
import dev.ccotel.adapter.postgres.PostgresConfig;
import dev.ccotel.adapter.sqlite.StoreConfig;
import dev.ccotel.domain.ContentKind;
import dev.ccotel.domain.SessionLedger;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every configuration key, its built-in default, and the environment variable that sets it. */
public final class ConfigKeys {
    public static final String BACKEND_URL = "backend.url";
    public static final String BACKEND_TOKEN = "backend.token";
    public static final String BACKEND_TIMEOUT = "backend.timeout";
    public static final String RECEIVER_HOST = "receiver.host";
    public static final String RECEIVER_PORT = "receiver.port";
    public static final String RECEIVER_MAX_MESSAGE_BYTES = "receiver.max-message-bytes";
    public static final String RECEIVER_MAX_CONCURRENT_CALLS = "receiver.max-concurrent-calls";
    public static final String RECEIVER_SHUTDOWN_GRACE = "receiver.shutdown-grace";
    public static final String RECEIVER_HTTP_ENABLED = "receiver.http.enabled";
    public static final String RECEIVER_HTTP_HOST = "receiver.http.host";
    public static final String RECEIVER_HTTP_PORT = "receiver.http.port";
    public static final String RECEIVER_HTTP_MAX_CONNECTIONS = "receiver.http.max-connections";
    public static final String RECEIVER_HTTP_HEADER_TIMEOUT = "receiver.http.header-timeout";
    public static final String RECEIVER_HTTP_IDLE_TIMEOUT = "receiver.http.idle-timeout";
    public static final String PRIVACY_FORWARD_PROMPTS = "privacy.forward-prompts";
    public static final String PRIVACY_FORWARD_TOOL_INPUT = "privacy.forward-tool-input";
    public static final String PRIVACY_FORWARD_TOOL_OUTPUT = "privacy.forward-tool-output";
    public static final String PRIVACY_FORWARD_API_BODIES = "privacy.forward-api-bodies";
    public static final String PRIVACY_FORWARD_ASSISTANT_RESPONSES = "privacy.forward-assistant-responses";
    public static final String PRIVACY_FORWARD_UNLISTED_TEXT = "privacy.forward-unlisted-text";

    /**
     * The key that lets each kind of content through, named after what it lets through. They keep the
     * {@code forward-} spelling of the two keys that came first, so that existing config files still
     * start; what they let through is kept in the store as well as forwarded (README, "Configuration").
     */
    public static final Map<ContentKind, String> PRIVACY = privacy();
    public static final String DELIVERY_RETRY_BUDGET = "delivery.retry-budget";
    public static final String DELIVERY_MODE = "delivery.mode";
    public static final String DELIVERY_SPOOL_ENABLED = "delivery.spool.enabled";
    public static final String DELIVERY_OUTBOX_MAX_BYTES = "delivery.outbox.max-bytes";
    public static final String DELIVERY_OUTBOX_MAX_AGE = "delivery.outbox.max-age";
    public static final String STORE_PATH = "store.path";
    public static final String STORE_MAX_AGE = "store.max-age";
    public static final String SESSIONS_MAX = "sessions.max";
    public static final String SESSIONS_IDLE_TIMEOUT = "sessions.idle-timeout";
    public static final String STATUSLINE_FORMAT = "statusline.format";
    public static final String STATUSLINE_COLOR = "statusline.color";
    public static final String BUDGET_DAILY_USD = "budget.daily-usd";
    public static final String BUDGET_MONTHLY_USD = "budget.monthly-usd";
    public static final String BUDGET_SESSION_USD = "budget.session-usd";
    public static final String IMPORT_AUTO = "import.auto";
    public static final String IMPORT_INTERVAL = "import.interval";
    public static final String HUB_HOST = "hub.host";
    public static final String HUB_PORT = "hub.port";
    public static final String HUB_GRPC_PORT = "hub.grpc-port";
    public static final String HUB_DATABASE_URL = "hub.database.url";
    public static final String HUB_DATABASE_USER = "hub.database.user";
    public static final String HUB_DATABASE_PASSWORD = "hub.database.password";
    public static final String HUB_DATABASE_POOL_SIZE = "hub.database.pool-size";
    public static final String HUB_DATABASE_PATH = "hub.database.path";
    public static final String HUB_TLS_CERTIFICATE = "hub.tls.certificate";
    public static final String HUB_TLS_PRIVATE_KEY = "hub.tls.private-key";
    public static final String HUB_ALLOW_PLAINTEXT = "hub.allow-plaintext";
    public static final String HUB_MAX_MESSAGE_BYTES = "hub.max-message-bytes";
    public static final String HUB_MAX_CONNECTIONS = "hub.max-connections";
    public static final String HUB_MAX_CONCURRENT_REQUESTS = "hub.max-concurrent-requests";
    public static final String HUB_MAX_CONCURRENT_PER_MEMBER = "hub.max-concurrent-per-member";
    public static final String HUB_MAX_REQUESTS_PER_SECOND = "hub.max-requests-per-second";

    /** Keys earlier versions knew, with what replaced them, so that an old config file gets a useful error. */
    public static final Map<String, String> RETIRED = Map.of(
            "delivery.spool.dir", "the file spool was replaced by the local store's outbox; set store.path instead");

    /**
     * Older names still accepted, each with the key it now spells: the outbox's bounds were named
     * after the file spool it replaced. A value under the older name counts where the key itself is
     * not set in the same place (file, environment or command line); when both are, the key wins.
     */
    public static final Map<String, String> ALIASES = Map.of(
            "delivery.spool.max-bytes", DELIVERY_OUTBOX_MAX_BYTES,
            "delivery.spool.max-age", DELIVERY_OUTBOX_MAX_AGE);

    /** Built-in defaults, in the order {@code ccotel config} prints them. Empty means "not set". */
    public static final Map<String, String> DEFAULTS = defaults();

    private ConfigKeys() {}

    /** Every name a setting may be given by: the keys and their older names. */
    static Set<String> accepted() {
        Set<String> names = new LinkedHashSet<>(DEFAULTS.keySet());
        names.addAll(ALIASES.keySet());
        return names;
    }

    /** The key closest to a misspelt name, said as the key even when the name is closest to an older name of it. */
    static Optional<String> closestKey(String name) {
        return NearMiss.closest(name, accepted()).map(k -> ALIASES.getOrDefault(k, k));
    }

    /** {@code backend.token} -> {@code CCOTEL_BACKEND_TOKEN}; dots and dashes become underscores. */
    public static String environmentVariable(String key) {
        return "CCOTEL_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * The defaults as text, taken from the typed configs that own them (each adapter's record, the
     * domain's ledger), so that each default is written once, where its meaning is.
     */
    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(BACKEND_URL, "https://api.shelltime.xyz");
        d.put(BACKEND_TOKEN, "");
        d.put(BACKEND_TIMEOUT, text(HttpOutConfig.DEFAULT_TIMEOUT));
        d.put(RECEIVER_HOST, GrpcReceiverConfig.DEFAULT_HOST);
        d.put(RECEIVER_PORT, Integer.toString(GrpcReceiverConfig.DEFAULT_PORT));
        d.put(RECEIVER_MAX_MESSAGE_BYTES, Integer.toString(GrpcReceiverConfig.DEFAULT_MAX_INBOUND_MESSAGE_BYTES));
        d.put(RECEIVER_MAX_CONCURRENT_CALLS, Integer.toString(GrpcReceiverConfig.DEFAULT_MAX_CONCURRENT_CALLS));
        d.put(RECEIVER_SHUTDOWN_GRACE, text(GrpcReceiverConfig.DEFAULT_SHUTDOWN_GRACE));
        d.put(RECEIVER_HTTP_ENABLED, "true");
        d.put(RECEIVER_HTTP_HOST, HttpReceiverConfig.DEFAULT_HOST);
        d.put(RECEIVER_HTTP_PORT, Integer.toString(HttpReceiverConfig.DEFAULT_PORT));
        d.put(RECEIVER_HTTP_MAX_CONNECTIONS, Integer.toString(HttpReceiverConfig.DEFAULT_MAX_CONNECTIONS));
        d.put(RECEIVER_HTTP_HEADER_TIMEOUT, text(HttpReceiverConfig.DEFAULT_HEADER_TIMEOUT));
        d.put(RECEIVER_HTTP_IDLE_TIMEOUT, text(HttpReceiverConfig.DEFAULT_IDLE_TIMEOUT));
        PRIVACY.values().forEach(key -> d.put(key, "false")); // content is off by default
        d.put(DELIVERY_RETRY_BUDGET, text(HttpOutConfig.DEFAULT_RETRY_BUDGET));
        d.put(DELIVERY_MODE, "store");
        d.put(DELIVERY_SPOOL_ENABLED, "true"); // the older spelling of delivery.mode: false means passthrough
        d.put(DELIVERY_OUTBOX_MAX_BYTES, Long.toString(StoreConfig.DEFAULT_OUTBOX_MAX_BYTES));
        d.put(DELIVERY_OUTBOX_MAX_AGE, text(StoreConfig.DEFAULT_OUTBOX_MAX_AGE));
        d.put(STORE_PATH, ""); // empty: ${XDG_DATA_HOME:-~/.local/share}/ccotel/ccotel.db
        d.put(STORE_MAX_AGE, ""); // empty: keep everything; 0 keeps no history
        d.put(SESSIONS_MAX, Integer.toString(SessionLedger.DEFAULT_MAX_SESSIONS));
        d.put(SESSIONS_IDLE_TIMEOUT, text(SessionLedger.DEFAULT_IDLE_TIMEOUT));
        d.put(STATUSLINE_FORMAT, StatuslineFormat.DEFAULT);
        d.put(STATUSLINE_COLOR, "auto");
        d.put(BUDGET_DAILY_USD, ""); // empty: no budget
        d.put(BUDGET_MONTHLY_USD, "");
        d.put(BUDGET_SESSION_USD, "");
        d.put(IMPORT_AUTO, "true"); // the daemon imports Claude Code's transcripts at start and every import.interval
        d.put(IMPORT_INTERVAL, text(ImportConfig.DEFAULT_INTERVAL));
        // ccotel hub (README, "Team hub"): read only by the hub's commands
        d.put(HUB_HOST, HubListenerConfig.DEFAULT_HOST);
        d.put(HUB_PORT, Integer.toString(HubListenerConfig.DEFAULT_PORT));
        d.put(HUB_GRPC_PORT, ""); // empty: no OTLP/gRPC at the hub; a port (4317, say) opens it
        d.put(HUB_DATABASE_URL, ""); // a JDBC URL, jdbc:postgresql://host:5432/ccotel; empty: one SQLite file
        d.put(HUB_DATABASE_USER, "");
        d.put(HUB_DATABASE_PASSWORD, "");
        d.put(HUB_DATABASE_POOL_SIZE, Integer.toString(PostgresConfig.DEFAULT_POOL_SIZE));
        d.put(HUB_DATABASE_PATH, ""); // without hub.database.url; empty: ${XDG_DATA_HOME:-~/.local/share}/ccotel/hub.db
        d.put(HUB_TLS_CERTIFICATE, ""); // PEM certificate chain; with hub.tls.private-key the hub speaks https
        d.put(HUB_TLS_PRIVATE_KEY, "");
        d.put(HUB_ALLOW_PLAINTEXT, "false"); // true: plain http off loopback, behind a TLS reverse proxy
        d.put(HUB_MAX_MESSAGE_BYTES, Integer.toString(HubListenerConfig.DEFAULT_MAX_MESSAGE_BYTES));
        d.put(HUB_MAX_CONNECTIONS, Integer.toString(HubListenerConfig.DEFAULT_MAX_CONNECTIONS));
        d.put(HUB_MAX_CONCURRENT_REQUESTS, Integer.toString(HubListenerConfig.DEFAULT_MAX_CONCURRENT_REQUESTS));
        d.put(HUB_MAX_CONCURRENT_PER_MEMBER, Integer.toString(HubListenerConfig.DEFAULT_MAX_CONCURRENT_PER_MEMBER));
        d.put(HUB_MAX_REQUESTS_PER_SECOND, Integer.toString(HubListenerConfig.DEFAULT_MAX_REQUESTS_PER_SECOND));
        return java.util.Collections.unmodifiableMap(d);
    }

    private static Map<ContentKind, String> privacy() {
        Map<ContentKind, String> keys = new EnumMap<>(ContentKind.class);
        keys.put(ContentKind.PROMPTS, PRIVACY_FORWARD_PROMPTS);
        keys.put(ContentKind.TOOL_INPUT, PRIVACY_FORWARD_TOOL_INPUT);
        keys.put(ContentKind.TOOL_OUTPUT, PRIVACY_FORWARD_TOOL_OUTPUT);
        keys.put(ContentKind.API_BODIES, PRIVACY_FORWARD_API_BODIES);
        keys.put(ContentKind.ASSISTANT_RESPONSES, PRIVACY_FORWARD_ASSISTANT_RESPONSES);
        keys.put(ContentKind.UNLISTED_TEXT, PRIVACY_FORWARD_UNLISTED_TEXT);
        if (keys.size() != ContentKind.values().length) {
            throw new IllegalStateException("a kind of content without a key: it could never be turned on");
        }
        return java.util.Collections.unmodifiableMap(keys);
    }

    /** A duration as a user writes it: 10s, 5m, 24h, 7d (whichever unit is whole). */
    static String text(Duration d) {
        long s = d.toSeconds();
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
