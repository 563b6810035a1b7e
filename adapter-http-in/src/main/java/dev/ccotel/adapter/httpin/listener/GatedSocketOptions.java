package dev.ccotel.adapter.httpin.listener;

import io.helidon.common.socket.SocketOptions;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Helidon's socket options with one hop added: each accepted connection is shown to the
 * {@link ConnectionGate} after its options are set. Helidon configures every socket it accepts with
 * the listener's {@code connectionOptions}, before any byte is read, and treats an exception here as
 * "close this socket and go on accepting" (logged at TRACE). That makes this the one place where a
 * connection can be counted, and refused, before it costs a thread and buffers; ConnectionBoundsTest
 * pins that behaviour so that a Helidon upgrade that changes it fails the build.
 */
final class GatedSocketOptions implements SocketOptions {
    private final SocketOptions options;
    private final ConnectionGate gate;

    GatedSocketOptions(SocketOptions options, ConnectionGate gate) {
        this.options = Objects.requireNonNull(options, "options");
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    @Override
    public void configureSocket(SocketChannel socket) {
        options.configureSocket(socket);
        gate.admit(socket);
    }

    @Override
    public Map<SocketOption<?>, Object> socketOptions() {
        return options.socketOptions();
    }

    @Override
    public Duration connectTimeout() {
        return options.connectTimeout();
    }

    @Override
    public Duration readTimeout() {
        return options.readTimeout();
    }

    @Override
    public Optional<Integer> socketReceiveBufferSize() {
        return options.socketReceiveBufferSize();
    }

    @Override
    public Optional<Integer> socketSendBufferSize() {
        return options.socketSendBufferSize();
    }

    @Override
    public boolean socketReuseAddress() {
        return options.socketReuseAddress();
    }

    @Override
    public boolean socketKeepAlive() {
        return options.socketKeepAlive();
    }

    @Override
    public boolean tcpNoDelay() {
        return options.tcpNoDelay();
    }
}
