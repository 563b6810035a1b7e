package dev.ccotel.adapter.grpc;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The hub's OTLP/gRPC listener ({@code hub.grpc-port}), on {@code hub.host} beside the HTTP port, with
 * the same TLS files (PEM) when the hub has them; whether plain text is allowed off loopback is
 * decided with the HTTP listener's settings.
 */
public record HubGrpcConfig(String host, int port, int maxInboundMessageBytes, int maxConcurrentCalls,
        Optional<Path> certificate, Optional<Path> privateKey) {
    public HubGrpcConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("hub.grpc-port must be between 0 and 65535, got " + port);
        }
        if (certificate.isPresent() != privateKey.isPresent()) {
            throw new IllegalArgumentException("a TLS certificate goes with its private key");
        }
    }
}
