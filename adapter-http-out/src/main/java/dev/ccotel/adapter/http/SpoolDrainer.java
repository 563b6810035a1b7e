package dev.ccotel.adapter.http;

import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.out.PublishOutcome.Rejected;
import dev.ccotel.ports.out.PublishOutcome.RetryLater;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends spooled requests, oldest first, on one background thread. The oldest record is the probe:
 * while the backend cannot take it, nothing newer is tried (that would break the order) and the
 * drainer backs off; once it is accepted or rejected the next one follows without delay.
 */
final class SpoolDrainer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SpoolDrainer.class.getName());
    /** A Retry-After longer than this is not believed; the backend is asked again after it. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

    private final SpoolStore store;
    private final BytePublisher backend;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Object signal = new Object();
    private Duration backoff;
    private boolean workArrived;
    /** A pause the backend asked for on the direct path (Retry-After), as a System.nanoTime deadline. */
    private boolean holding;
    private long notBeforeNanos;
    private volatile boolean running;
    private Thread thread;

    SpoolDrainer(SpoolStore store, BytePublisher backend, Duration firstBackoff, Duration maxBackoff) {
        this.store = store;
        this.backend = backend;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.backoff = firstBackoff;
    }

    /**
     * One step: offers the oldest record to the backend.
     *
     * @return empty when the spool is empty, zero after an answer for the record, else how long to wait
     *     (a backoff, or what is left of a pause asked for by {@link #holdOff})
     */
    Optional<Duration> drainOnce() {
        Optional<SpoolStore.Record> oldest = store.oldest();
        if (oldest.isEmpty()) {
            return Optional.empty();
        }
        Duration hold = holdRemaining();
        if (!hold.isZero()) {
            return Optional.of(hold); // the backend asked for a pause; probing now would ignore it
        }
        SpoolStore.Record record = oldest.get();
        PublishOutcome outcome = backend.post(record.json(), record.entry().frame().itemCount());
        if (outcome instanceof RetryLater later) {
            Duration wait = later.after().filter(a -> a.compareTo(backoff) > 0).orElse(backoff);
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            LOG.log(Level.DEBUG, "backend still cannot take spooled requests ({0}); next try in {1}",
                    later.reason(), wait);
            return Optional.of(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
        }
        if (outcome instanceof Rejected rejected) {
            LOG.log(Level.WARNING, "backend rejected a spooled request, dropped: {0}", rejected.message());
        }
        store.remove(record.entry());
        backoff = firstBackoff;
        if (store.isEmpty()) {
            LOG.log(Level.INFO, "spool drained: the backend has everything that was kept for it");
        }
        return Optional.of(Duration.ZERO);
    }

    synchronized void start() {
        if (thread == null) {
            running = true;
            thread = Thread.ofPlatform().daemon().name("ccotel-spool-drainer").start(this::run);
        }
    }

    /** New data was spooled: an idle drainer starts at once; one that is backing off keeps its schedule. */
    void wake() {
        synchronized (signal) {
            workArrived = true;
            signal.notifyAll();
        }
    }

    /**
     * The backend answered a direct POST with a Retry-After: the next probe waits for it too, so a
     * request spooled because of that answer is not re-sent at once. A longer pause already asked
     * for is kept.
     */
    void holdOff(Duration wait) {
        Duration capped = wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
        synchronized (signal) {
            long until = System.nanoTime() + capped.toNanos();
            if (!holding || until - notBeforeNanos > 0) {
                notBeforeNanos = until;
            }
            holding = true;
        }
    }

    private Duration holdRemaining() {
        synchronized (signal) {
            if (holding) {
                long left = notBeforeNanos - System.nanoTime();
                if (left > 0) {
                    return Duration.ofNanos(left);
                }
                holding = false;
            }
            return Duration.ZERO;
        }
    }

    private void run() {
        while (running) {
            try {
                synchronized (signal) {
                    workArrived = false; // cleared before looking, so a wake() during the step is not missed
                }
                Optional<Duration> next = drainOnce();
                if (next.isEmpty()) {
                    await(null);
                } else if (!next.get().isZero()) {
                    await(next.get());
                }
            } catch (RuntimeException e) {
                // Never let one bad step end delivery for the rest of the run.
                LOG.log(Level.ERROR, "spool drainer step failed; trying again later", e);
                await(maxBackoff);
            }
        }
    }

    /** Waits for new work ({@code null}) or for a backoff, ending early only on close. */
    private void await(Duration backoffOrNull) {
        long deadline = backoffOrNull == null ? 0 : System.nanoTime() + backoffOrNull.toNanos();
        synchronized (signal) {
            try {
                while (running && (backoffOrNull == null ? !workArrived : System.nanoTime() < deadline)) {
                    long waitMs = backoffOrNull == null ? 0 : Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                    signal.wait(waitMs);
                }
            } catch (InterruptedException e) {
                running = false;
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops after the request in flight, if any; what is still spooled stays for the next run. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = thread;
            running = false;
        }
        synchronized (signal) {
            signal.notifyAll();
        }
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
