package dev.ccotel.adapter.httpin;

import java.time.Duration;

/**
 * Settings of the OTLP/HTTP listener, read once by the app. Every check names the config key.
 *
 * @param host              address to listen on ({@code receiver.http.host}); loopback unless the user opts out
 * @param port              TCP port ({@code receiver.http.port}); 0 picks a free one, see {@link OtlpHttpServer#port()}
 * @param maxMessageBytes   largest accepted export after decompression ({@code receiver.max-message-bytes})
 * @param maxConcurrentExports exports handled at once by this listener before answering 503
 *                          ({@code receiver.max-concurrent-calls}; a separate allowance from the gRPC one)
 * @param shutdownGrace     how long a shutdown waits for exports in flight ({@code receiver.shutdown-grace})
 * @param maxConnections    connections open at once; the next is closed when accepted ({@code receiver.http.max-connections})
 * @param headerTimeout     how long a new connection may take to send its first request head
 *                          ({@code receiver.http.header-timeout})
 * @param idleTimeout       how long a keep-alive connection may wait for its next request ({@code receiver.http.idle-timeout})
 */
public record HttpReceiverConfig(String host, int port, int maxMessageBytes, int maxConcurrentExports,
        Duration shutdownGrace, int maxConnections, Duration headerTimeout, Duration idleTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The OTLP/HTTP port every exporter tries first. */
    public static final int DEFAULT_PORT = 4318;
    /** The same bound as the gRPC receiver's, so a client that switches protocol sees no difference. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_CONCURRENT_EXPORTS = 64;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** A few Claude Code processes keep a connection each; 256 is far above that and far below 10,000. */
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    /** A local exporter sends its head at once; ten seconds is room for a loaded machine. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Longer than the 60 s between two metric exports of Claude Code (OTEL_METRIC_EXPORT_INTERVAL's
     * default), so an exporter that keeps its connection finds it still open; one closed earlier costs
     * the exporter a reconnect.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(2);

    public HttpReceiverConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("receiver.http.host must not be empty; set it to an address such as "
                    + DEFAULT_HOST);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("receiver.http.port must be between 0 and 65535 (0 picks a free port), "
                    + "got " + port);
        }
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("receiver.max-message-bytes must be positive, got " + maxMessageBytes
                    + " (default " + DEFAULT_MAX_MESSAGE_BYTES + ")");
        }
        if (maxConcurrentExports <= 0) {
            throw new IllegalArgumentException("receiver.max-concurrent-calls must be positive, got "
                    + maxConcurrentExports + " (default " + DEFAULT_MAX_CONCURRENT_EXPORTS + ")");
        }
        if (shutdownGrace == null || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("receiver.shutdown-grace must be zero or positive, got "
                    + shutdownGrace + " (default " + DEFAULT_SHUTDOWN_GRACE + ")");
        }
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("receiver.http.max-connections must be positive, got " + maxConnections
                    + " (default " + DEFAULT_MAX_CONNECTIONS + ")");
        }
        requirePositive("receiver.http.header-timeout", headerTimeout, DEFAULT_HEADER_TIMEOUT);
        requirePositive("receiver.http.idle-timeout", idleTimeout, DEFAULT_IDLE_TIMEOUT);
    }

    /** With the default connection bounds. */
    public HttpReceiverConfig(String host, int port, int maxMessageBytes, int maxConcurrentExports,
            Duration shutdownGrace) {
        this(host, port, maxMessageBytes, maxConcurrentExports, shutdownGrace, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_HEADER_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
    }

    private static void requirePositive(String key, Duration value, Duration byDefault) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + " must be positive, got " + value + " (default " + byDefault + ")");
        }
    }

    /** Loopback only, the standard OTLP/HTTP port. */
    public static HttpReceiverConfig defaults() {
        return new HttpReceiverConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_MESSAGE_BYTES,
                DEFAULT_MAX_CONCURRENT_EXPORTS, DEFAULT_SHUTDOWN_GRACE);
    }

    public HttpReceiverConfig withPort(int newPort) {
        return new HttpReceiverConfig(host, newPort, maxMessageBytes, maxConcurrentExports, shutdownGrace,
                maxConnections, headerTimeout, idleTimeout);
    }

    /** The same listener with other connection bounds. */
    public HttpReceiverConfig withConnectionBounds(int newMaxConnections, Duration newHeaderTimeout,
            Duration newIdleTimeout) {
        return new HttpReceiverConfig(host, port, maxMessageBytes, maxConcurrentExports, shutdownGrace,
                newMaxConnections, newHeaderTimeout, newIdleTimeout);
    }
}
