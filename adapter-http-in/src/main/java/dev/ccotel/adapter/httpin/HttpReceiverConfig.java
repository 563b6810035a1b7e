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
 */
public record HttpReceiverConfig(String host, int port, int maxMessageBytes, int maxConcurrentExports,
        Duration shutdownGrace) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The OTLP/HTTP port every exporter tries first. */
    public static final int DEFAULT_PORT = 4318;
    /** The same bound as the gRPC receiver's, so a client that switches protocol sees no difference. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_CONCURRENT_EXPORTS = 64;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

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
    }

    /** Loopback only, the standard OTLP/HTTP port. */
    public static HttpReceiverConfig defaults() {
        return new HttpReceiverConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_MESSAGE_BYTES,
                DEFAULT_MAX_CONCURRENT_EXPORTS, DEFAULT_SHUTDOWN_GRACE);
    }

    public HttpReceiverConfig withPort(int newPort) {
        return new HttpReceiverConfig(host, newPort, maxMessageBytes, maxConcurrentExports, shutdownGrace);
    }
}
