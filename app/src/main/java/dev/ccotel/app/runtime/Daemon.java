package dev.ccotel.app.runtime;

import dev.ccotel.ports.out.OutboxPort;
import java.lang.System.Logger.Level;
import java.util.Deque;
import java.util.Optional;

/**
 * The running collector, as {@code DaemonComposition} started it: what to close, in reverse order, and
 * where it listens and keeps.
 */
public final class Daemon implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Daemon.class.getName());

    /** What to close, newest first: the reverse of the order things were started in. */
    private final Deque<AutoCloseable> started;
    private final Receivers receivers;
    private final Optional<OutboxPort> outbox;
    private final String destination;

    /**
     * @param started what was started, newest first, the receivers among them
     * @param outbox the local store's outbox, when the daemon keeps a store
     */
    public Daemon(Deque<AutoCloseable> started, Receivers receivers, Optional<OutboxPort> outbox, String destination) {
        this.started = started;
        this.receivers = receivers;
        this.outbox = outbox;
        this.destination = destination;
    }

    /** The OTLP/gRPC port. */
    public int port() {
        return receivers.grpcPort();
    }

    /** The OTLP/HTTP port, unless {@code receiver.http.enabled} is false. */
    public Optional<Integer> httpPort() {
        return receivers.httpPort();
    }

    /** Where exports go, in words, for the start-up line. */
    public String destination() {
        return destination;
    }

    /** The local store's outbox, when the daemon keeps a store. */
    public Optional<OutboxPort> outbox() {
        return outbox;
    }

    /**
     * Stops in reverse order: the receivers first (stop accepting, let in-flight exports finish,
     * which still keep), then the forwarder (after the request in flight), the backend client,
     * and the store last, since everything before it writes to it.
     */
    @Override
    public void close() {
        closeAll(started);
    }

    /** Closes each, newest first; a failure is logged and the rest still closed. */
    public static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "error while closing " + c.getClass().getSimpleName(), e);
            }
        }
    }
}
