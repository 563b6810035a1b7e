package dev.ccotel.adapter.httpout.client;

import io.helidon.webclient.api.ConnectedSocketInfo;
import io.helidon.webclient.api.ConnectedSocketChannelInfo;
import io.helidon.webclient.api.ConnectionListener;
import java.io.IOException;
import java.time.Duration;

/**
 * Bounds the TLS handshake by {@code backend.timeout}. Helidon 4.5 applies the read timeout only
 * once a request is under way, so a server that accepts the connection and never answers the
 * handshake would otherwise block an export, and the drainer, for good.
 */
final class HandshakeTimeout implements ConnectionListener {
    private final int millis;

    HandshakeTimeout(Duration timeout) {
        this.millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    @Override
    public void socketConnected(ConnectedSocketInfo info) throws IOException {
        info.socket().setSoTimeout(millis);
    }

    @Override
    public void socketChannelConnected(ConnectedSocketChannelInfo info) {
        // Only Unix domain sockets take this path; they have no TLS handshake.
    }
}
