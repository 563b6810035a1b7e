package dev.ccotel.adapter.httpin.listener;

import io.helidon.common.socket.SocketOptions;
import io.helidon.http.Headers;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the connections of the OTLP/HTTP listener: at most {@code maxConnections} open at once (the
 * next is closed as soon as it is accepted), and a connection that has not sent a complete request head
 * within {@code headerTimeout} of being accepted is closed. Helidon offers neither as wanted: its
 * {@code maxTcpConnections} stops accepting, so an exporter's connection waits behind idle ones, and its
 * idle timeout only sees a connection once its first bytes chose a protocol, so a socket that never
 * sends anything would be kept for ever. (Idle keep-alive connections after a request are Helidon's
 * idle timeout's.) Ten thousand idle connections once took the daemon from 185 to 519 MB.
 */
public final class ConnectionGate implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ConnectionGate.class.getName());

    private final int maxConnections;
    private final Duration headerTimeout;
    /** One parked thread; it wakes only when a head is overdue, never on an idle daemon. */
    private final ScheduledThreadPoolExecutor timer;
    /** By the client's address and port, which is unique among open connections and what requests carry. */
    private final Map<SocketAddress, Admitted> open = new ConcurrentHashMap<>();
    private final PacedWarning refusedWarning;
    private final PacedWarning slowWarning;

    public ConnectionGate(int maxConnections, Duration headerTimeout, Clock clock) {
        this.maxConnections = maxConnections;
        this.headerTimeout = headerTimeout;
        this.refusedWarning = new PacedWarning(LOG, clock);
        this.slowWarning = new PacedWarning(LOG, clock);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ccotel-http-header-timeout");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true); // a head that arrived leaves nothing behind in the queue
    }

    /** The listener's socket options, with this gate shown every accepted connection. */
    public SocketOptions socketOptions(SocketOptions options) {
        return new GatedSocketOptions(options, this);
    }

    /** Tells the gate, from Helidon's HTTP/1 parser, that a connection sent a whole request head. */
    public Http1ConnectionListener headListener() {
        return new Http1ConnectionListener() {
            @Override
            public void headers(ConnectionContext ctx, Headers headers) {
                Admitted admitted = open.get(ctx.remotePeer().address());
                if (admitted != null) {
                    admitted.headArrived();
                }
            }
        };
    }

    /**
     * Called on Helidon's accepting thread only, so counting and adding cannot race each other.
     *
     * @throws Refused when the listener already has {@code maxConnections} open; Helidon closes the socket
     */
    void admit(SocketChannel channel) {
        open.values().removeIf(a -> !a.channel.isOpen()); // closed by either side since the last accept
        SocketAddress remote;
        try {
            remote = channel.getRemoteAddress();
        } catch (IOException gone) {
            throw new Refused();
        }
        if (open.size() >= maxConnections) {
            refusedWarning.warn("the OTLP/HTTP listener has " + maxConnections + " connections open "
                    + "(receiver.http.max-connections); closed a new one from " + remote + " at once");
            throw new Refused();
        }
        Admitted admitted = new Admitted(channel);
        open.put(remote, admitted);
        admitted.deadline = timer.schedule(() -> expire(remote, admitted), headerTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void expire(SocketAddress remote, Admitted admitted) {
        if (admitted.headSeen || !admitted.channel.isOpen()) {
            return;
        }
        slowWarning.warn("closed an OTLP/HTTP connection from " + remote + " that sent no complete request head "
                + "within receiver.http.header-timeout " + headerTimeout);
        try {
            admitted.channel.close(); // Helidon's read on it ends, and its handler cleans up
        } catch (IOException alreadyGone) {
            // closed either way
        }
        open.remove(remote, admitted);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static final class Admitted {
        final SocketChannel channel;
        volatile boolean headSeen;
        volatile Future<?> deadline;

        Admitted(SocketChannel channel) {
            this.channel = channel;
        }

        void headArrived() {
            if (!headSeen) {
                headSeen = true;
                Future<?> d = deadline;
                if (d != null) {
                    d.cancel(false);
                }
            }
        }
    }

    /** Thrown to Helidon's accept loop, which closes the socket; no stack trace, since it is no fault. */
    static final class Refused extends RuntimeException {
        Refused() {
            super("connection refused by the OTLP/HTTP listener's bounds", null, false, false);
        }
    }
}
