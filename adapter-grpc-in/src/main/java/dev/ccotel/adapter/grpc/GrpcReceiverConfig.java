package dev.ccotel.adapter.grpc;

import java.time.Duration;

/**
 * Settings of the OTLP/gRPC receiver, read once by the app. Every check names the config key so a
 * bad value stops start-up with a message the user can act on.
 *
 * @param host                   address to listen on ({@code receiver.host}); loopback unless the user opts out
 * @param port                   TCP port ({@code receiver.port}); 0 picks a free port, see {@link OtlpGrpcServer#port()}
 * @param maxInboundMessageBytes largest accepted export ({@code receiver.max-message-bytes})
 * @param maxConcurrentCalls     exports handled at once before answering RESOURCE_EXHAUSTED ({@code receiver.max-concurrent-calls})
 * @param shutdownGrace          how long a shutdown waits for in-flight exports ({@code receiver.shutdown-grace})
 */
public record GrpcReceiverConfig(
        String host, int port, int maxInboundMessageBytes, int maxConcurrentCalls, Duration shutdownGrace) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The OTLP/gRPC port every exporter tries first. */
    public static final int DEFAULT_PORT = 4317;
    /** gRPC's own default and the Collector's; a Claude Code export is a few KiB. */
    public static final int DEFAULT_MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024;
    /** One person's Claude Code sessions rarely have more than a handful of exports in flight. */
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 64;
    /** Longer than the use cases' delivery budget, so a drain normally completes. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

    public GrpcReceiverConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("receiver.host must not be empty; set it to an address such as "
                    + DEFAULT_HOST);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("receiver.port must be between 0 and 65535 (0 picks a free port), got "
                    + port);
        }
        if (maxInboundMessageBytes <= 0) {
            throw new IllegalArgumentException("receiver.max-message-bytes must be positive, got "
                    + maxInboundMessageBytes + " (default " + DEFAULT_MAX_INBOUND_MESSAGE_BYTES + ")");
        }
        if (maxConcurrentCalls <= 0) {
            throw new IllegalArgumentException("receiver.max-concurrent-calls must be positive, got "
                    + maxConcurrentCalls + " (default " + DEFAULT_MAX_CONCURRENT_CALLS + ")");
        }
        if (shutdownGrace == null || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("receiver.shutdown-grace must be zero or positive, got "
                    + shutdownGrace + " (default " + DEFAULT_SHUTDOWN_GRACE + ")");
        }
    }

    /** The secure defaults: loopback only, the standard OTLP port. */
    public static GrpcReceiverConfig defaults() {
        return new GrpcReceiverConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_INBOUND_MESSAGE_BYTES,
                DEFAULT_MAX_CONCURRENT_CALLS, DEFAULT_SHUTDOWN_GRACE);
    }

    public GrpcReceiverConfig withPort(int newPort) {
        return new GrpcReceiverConfig(host, newPort, maxInboundMessageBytes, maxConcurrentCalls, shutdownGrace);
    }
}
