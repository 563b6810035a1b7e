package dev.ccotel.app.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

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
    public static final String PRIVACY_FORWARD_PROMPTS = "privacy.forward-prompts";
    public static final String PRIVACY_FORWARD_TOOL_INPUT = "privacy.forward-tool-input";
    public static final String DELIVERY_RETRY_BUDGET = "delivery.retry-budget";
    public static final String DELIVERY_MODE = "delivery.mode";
    public static final String DELIVERY_SPOOL_ENABLED = "delivery.spool.enabled";
    public static final String DELIVERY_SPOOL_MAX_BYTES = "delivery.spool.max-bytes";
    public static final String DELIVERY_SPOOL_MAX_AGE = "delivery.spool.max-age";
    public static final String STORE_PATH = "store.path";
    public static final String STORE_MAX_AGE = "store.max-age";
    public static final String SESSIONS_MAX = "sessions.max";
    public static final String SESSIONS_IDLE_TIMEOUT = "sessions.idle-timeout";

    /** Keys earlier versions knew, with what replaced them, so that an old config file gets a useful error. */
    public static final Map<String, String> RETIRED = Map.of(
            "delivery.spool.dir", "the file spool was replaced by the local store's outbox; set store.path instead");

    /** Built-in defaults, in the order {@code ccotel config} prints them. Empty means "not set". */
    public static final Map<String, String> DEFAULTS = defaults();

    private ConfigKeys() {}

    /** {@code backend.token} -> {@code CCOTEL_BACKEND_TOKEN}; dots and dashes become underscores. */
    public static String environmentVariable(String key) {
        return "CCOTEL_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(BACKEND_URL, "https://api.shelltime.xyz");
        d.put(BACKEND_TOKEN, "");
        d.put(BACKEND_TIMEOUT, "10s");
        d.put(RECEIVER_HOST, "127.0.0.1");
        d.put(RECEIVER_PORT, "4317");
        d.put(RECEIVER_MAX_MESSAGE_BYTES, Integer.toString(4 * 1024 * 1024));
        d.put(RECEIVER_MAX_CONCURRENT_CALLS, "64");
        d.put(RECEIVER_SHUTDOWN_GRACE, "10s");
        d.put(RECEIVER_HTTP_ENABLED, "true");
        d.put(RECEIVER_HTTP_HOST, "127.0.0.1");
        d.put(RECEIVER_HTTP_PORT, "4318");
        d.put(PRIVACY_FORWARD_PROMPTS, "false");
        d.put(PRIVACY_FORWARD_TOOL_INPUT, "false");
        d.put(DELIVERY_RETRY_BUDGET, "5s");
        d.put(DELIVERY_MODE, "store");
        d.put(DELIVERY_SPOOL_ENABLED, "true"); // the older spelling of delivery.mode: false means passthrough
        d.put(DELIVERY_SPOOL_MAX_BYTES, Long.toString(64L * 1024 * 1024));
        d.put(DELIVERY_SPOOL_MAX_AGE, "7d");
        d.put(STORE_PATH, ""); // empty: ${XDG_DATA_HOME:-~/.local/share}/ccotel/ccotel.db
        d.put(STORE_MAX_AGE, ""); // empty: keep everything; 0 keeps no history
        d.put(SESSIONS_MAX, "10000");
        d.put(SESSIONS_IDLE_TIMEOUT, "24h");
        return java.util.Collections.unmodifiableMap(d);
    }
}
