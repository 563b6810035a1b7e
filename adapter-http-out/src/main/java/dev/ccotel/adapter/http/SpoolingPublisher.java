package dev.ccotel.adapter.http;

import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.out.PublishOutcome.Accepted;
import dev.ccotel.ports.out.PublishOutcome.RetryLater;
import java.lang.System.Logger.Level;

/**
 * Keeps what the backend cannot take: when the retries still end in retry-later, the request is
 * fsync'ed to the spool and reported accepted, and the drainer delivers it later, in order.
 *
 * <p>Order: while the spool holds anything, new requests are appended behind it without trying
 * the backend, so the backend sees them in the order they came. Only when the spool is full is a
 * new request sent directly (order given up rather than data). A request published in the very
 * moment the drainer sends the last spooled one may overtake that one.
 */
final class SpoolingPublisher implements BackendPublisher, BytePublisher {
    private static final System.Logger LOG = System.getLogger(SpoolingPublisher.class.getName());

    private final BytePublisher direct;
    private final SpoolStore store;
    private final SpoolDrainer drainer;
    private final AutoCloseable transport;

    /** {@code store} and {@code drainer} are null when the spool is disabled (pure passthrough). */
    SpoolingPublisher(BytePublisher direct, SpoolStore store, SpoolDrainer drainer, AutoCloseable transport) {
        this.direct = direct;
        this.store = store;
        this.drainer = drainer;
        this.transport = transport;
    }

    @Override
    public PublishOutcome post(byte[] json, int items) {
        if (store != null && !store.isEmpty() && spool(json, items)) {
            return new Accepted();
        }
        PublishOutcome outcome = direct.post(json, items);
        if (!(outcome instanceof RetryLater later)) {
            return outcome;
        }
        if (store == null) {
            LOG.log(Level.WARNING, "backend cannot take {0} item(s) ({1}) and the spool is disabled"
                    + " (delivery.spool.enabled: false): the exporter is told UNAVAILABLE and, as Claude Code does"
                    + " not resend over gRPC, they are lost", items, later.reason());
            return later;
        }
        later.after().ifPresent(drainer::holdOff); // before the wake-up in spool(): honour the Retry-After
        if (spool(json, items)) {
            LOG.log(Level.INFO, "backend cannot take a request now ({0}); spooled {1} item(s), {2} request(s)"
                    + " waiting", later.reason(), items, store.spooledRecords());
            return new Accepted();
        }
        LOG.log(Level.WARNING, "backend cannot take {0} item(s) ({1}) and the spool is full ({2} bytes waiting,"
                + " see delivery.spool.max-bytes) or not writable: the exporter is told UNAVAILABLE and they are"
                + " lost", items, later.reason(), store.spooledBytes());
        return later;
    }

    private boolean spool(byte[] json, int items) {
        if (store.append(json, items)) {
            drainer.wake();
            return true;
        }
        return false;
    }

    @Override
    public long spooledBytes() {
        return store == null ? 0 : store.spooledBytes();
    }

    @Override
    public long spooledRecords() {
        return store == null ? 0 : store.spooledRecords();
    }

    /** Drainer first (it uses the store and the client), then the store, then the client. */
    @Override
    public void close() {
        if (drainer != null) {
            drainer.close();
        }
        closeQuietly(store);
        closeQuietly(transport);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing {0} failed: {1}", closeable.getClass().getSimpleName(), e.toString());
        }
    }
}
