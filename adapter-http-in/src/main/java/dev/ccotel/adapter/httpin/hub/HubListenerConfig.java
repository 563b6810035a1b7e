package dev.ccotel.adapter.httpin.hub;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The hub's HTTP listener, read once by the app from {@code hub.*}. Off loopback it speaks TLS
 * (Helidon's own, from a PEM certificate chain and key) unless {@code hub.allow-plaintext} says a
 * reverse proxy in front does: member tokens must not cross a network in plain text.
 *
 * @param maxMessageBytes largest request body after decompression ({@code hub.max-message-bytes})
 * @param maxConcurrentExports requests handled at once before answering 503 ({@code hub.max-concurrent-requests})
 * @param maxConnections connections open at once ({@code hub.max-connections})
 * @param maxConcurrentPerMember requests of one member handled at once before answering 429
 *     ({@code hub.max-concurrent-per-member}): one member's runaway script cannot take the whole hub
 * @param maxRequestsPerSecondPerMember requests of one member a second, bursts of two seconds' worth
 *     ({@code hub.max-requests-per-second}); 0 for no such bound
 */
public record HubListenerConfig(String host, int port, int maxMessageBytes, int maxConcurrentExports,
        int maxConnections, int maxConcurrentPerMember, int maxRequestsPerSecondPerMember, Optional<Tls> tls,
        boolean allowPlaintext) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8318;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 64;
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    public static final int DEFAULT_MAX_CONCURRENT_PER_MEMBER = 16;
    /** Far above the ~13 exports a minute of one working Claude Code; a daemon's outbox backlog drains at it. */
    public static final int DEFAULT_MAX_REQUESTS_PER_SECOND = 100;

    /** A PEM certificate chain and its private key ({@code hub.tls.certificate}, {@code hub.tls.private-key}). */
    public record Tls(Path certificate, Path privateKey) {
        public Tls {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
        }
    }

    public HubListenerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("hub.host must not be empty; set it to an address such as " + DEFAULT_HOST);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("hub.port must be between 0 and 65535 (0 picks a free port), got " + port);
        }
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("hub.max-message-bytes must be positive, got " + maxMessageBytes);
        }
        if (maxConcurrentExports <= 0) {
            throw new IllegalArgumentException("hub.max-concurrent-requests must be positive, got " + maxConcurrentExports);
        }
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("hub.max-connections must be positive, got " + maxConnections);
        }
        if (maxConcurrentPerMember <= 0) {
            throw new IllegalArgumentException("hub.max-concurrent-per-member must be positive, got "
                    + maxConcurrentPerMember);
        }
        if (maxRequestsPerSecondPerMember < 0) {
            throw new IllegalArgumentException("hub.max-requests-per-second must be 0 (no bound) or more, got "
                    + maxRequestsPerSecondPerMember);
        }
        Objects.requireNonNull(tls, "tls");
        if (tls.isEmpty() && !allowPlaintext && !isLoopback(host)) {
            throw new IllegalArgumentException("hub.host " + host + " is not a loopback address: members' tokens would"
                    + " cross the network in plain text. Set hub.tls.certificate and hub.tls.private-key (PEM), or put a"
                    + " TLS reverse proxy in front and set hub.allow-plaintext: true");
        }
    }

    /** On loopback, plain text. */
    public static HubListenerConfig loopback(int port) {
        return new HubListenerConfig(DEFAULT_HOST, port, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_CONCURRENT_REQUESTS,
                DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONCURRENT_PER_MEMBER,
                DEFAULT_MAX_REQUESTS_PER_SECOND, Optional.empty(), false);
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
