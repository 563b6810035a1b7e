package dev.ccotel.adapter.httpout.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything the backend publisher needs, validated once at start-up. Every message names the
 * config key to fix. {@link #toString()} masks the token, because records print all their fields.
 *
 * @param url {@code backend.url}: the backend's base URL; {@code /api/v1/cc/otel} is appended
 * @param token {@code backend.token}, sent as {@code Authorization: CLI <token>}
 * @param timeout {@code backend.timeout}: connect timeout and read timeout of one POST
 * @param userAgentVersion the ccotel version, sent as {@code User-Agent: ccotel/<version>}
 * @param retryBudget {@code delivery.retry-budget}: how long passthrough's retries may keep starting
 */
public record HttpOutConfig(String url, String token, Duration timeout, String userAgentVersion,
        Duration retryBudget) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETRY_BUDGET = Duration.ofSeconds(5);
    /** Claude Code's default OTLP export timeout: a publish, retries included, must end before it. */
    static final Duration CLIENT_DEADLINE = Duration.ofSeconds(30);
    static final String PATH = "/api/v1/cc/otel";

    public HttpOutConfig {
        URI base = parseUrl(url);
        // Only visible ASCII can go into an HTTP header unchanged; anything else would fail every request.
        if (token == null || token.isBlank() || token.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("backend.token is missing or contains spaces, control or non-ASCII"
                    + " characters: set backend.token in the config file or CCOTEL_BACKEND_TOKEN");
        }
        if ("http".equals(base.getScheme()) && !isLoopback(base.getHost())) {
            throw new IllegalArgumentException("backend.url " + url + " is plain http to a non-loopback host, so"
                    + " backend.token would travel unencrypted: use https:// (plain http is allowed only for"
                    + " 127.0.0.1, localhost or ::1)");
        }
        requirePositive(timeout, "backend.timeout");
        if (timeout.compareTo(CLIENT_DEADLINE) >= 0) {
            throw new IllegalArgumentException("backend.timeout must be below " + CLIENT_DEADLINE.toSeconds()
                    + "s (Claude Code's export deadline), got " + timeout);
        }
        Objects.requireNonNull(retryBudget, "delivery.retry-budget");
        if (retryBudget.isNegative() || retryBudget.plus(timeout).compareTo(CLIENT_DEADLINE) >= 0) {
            throw new IllegalArgumentException("delivery.retry-budget (" + retryBudget + ") plus backend.timeout ("
                    + timeout + ") must stay below " + CLIENT_DEADLINE.toSeconds() + "s, Claude Code's export"
                    + " deadline; the last retry may start just before the budget ends and take a full timeout");
        }
        if (userAgentVersion == null || userAgentVersion.isBlank()) {
            throw new IllegalArgumentException("userAgentVersion (the ccotel version) must be set");
        }
    }

    /**
     * Where requests are posted: the base URL (with or without a trailing slash or a path prefix)
     * plus the API path. A URL that already ends with the API path is taken as it is, because
     * users paste the full endpoint as often as the base.
     */
    public URI endpoint() {
        String base = url.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base.endsWith(PATH) ? base : base + PATH);
    }

    /** The last four characters at most, so a user can tell tokens apart without revealing one. */
    public static String maskToken(String token) {
        if (token == null || token.isEmpty()) {
            return "(not set)";
        }
        return token.length() <= 8 ? "****" : "****" + token.substring(token.length() - 4);
    }

    @Override
    public String toString() {
        return "HttpOutConfig[url=" + url + ", token=" + maskToken(token) + ", timeout=" + timeout
                + ", userAgentVersion=" + userAgentVersion + ", retryBudget=" + retryBudget + "]";
    }

    private static URI parseUrl(String url) {
        String hint = "backend.url must be an absolute http(s) URL such as https://api.example.com, got '" + url + "'";
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(hint);
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException(hint);
            }
            if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException(hint + " (no user info, query or fragment; the token goes in"
                        + " backend.token)");
            }
            return new URI(scheme, null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(hint + ": " + e.getReason(), e);
        }
    }

    /** Decided without DNS: the name {@code localhost}, or an IP literal that is a loopback address. */
    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean ipLiteral = h.contains(":") || h.matches("[0-9.]+");
        try {
            // For an IP literal getByName only parses; it never resolves a name.
            return ipLiteral && InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void requirePositive(Duration d, String key) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration such as 10s, got " + d);
        }
    }
}
