package dev.ccotel.adapter.httpin;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the exports in flight on this listener and drains them on close. Each export may hold a
 * thread for the use case's whole delivery budget, so past the bound an export waits a bounded time
 * for a place, then is answered 503; once closing, every new export is told to retry (elsewhere or later).
 */
final class Admission {
    private final int limit;
    private final Semaphore permits;
    private volatile boolean closing;

    Admission(int limit) {
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    /**
     * A permit, waiting up to {@code wait} for one when the listener is full (a burst while the JVM is
     * still cold waits instead of bouncing); empty when it stayed full or the listener is closing, and
     * the caller answers 503. The wait holds only this request's virtual thread; the listener's
     * connection bound bounds how many wait.
     */
    Optional<Permit> enter(Duration wait) throws InterruptedException {
        if (closing || !permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
            return Optional.empty();
        }
        if (closing) { // closed while this one waited: the drain wants every place back
            permits.release();
            return Optional.empty();
        }
        return Optional.of(new Permit());
    }

    /** About how many exports wait for a place now (for tests and diagnostics). */
    int waiting() {
        return permits.getQueueLength();
    }

    boolean closing() {
        return closing;
    }

    int limit() {
        return limit;
    }

    /**
     * Refuses new exports and waits until those in flight have finished or {@code grace} is over.
     *
     * @return whether every export finished in time
     */
    boolean drain(Duration grace) throws InterruptedException {
        closing = true;
        return permits.tryAcquire(limit, grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Released exactly once. */
    final class Permit {
        private final AtomicBoolean held = new AtomicBoolean(true);

        void release() {
            if (held.compareAndSet(true, false)) {
                permits.release();
            }
        }
    }
}
