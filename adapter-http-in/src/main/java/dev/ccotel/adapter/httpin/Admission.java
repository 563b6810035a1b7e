package dev.ccotel.adapter.httpin;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the exports in flight on this listener and drains them on close. Each export may hold a
 * thread for the use case's whole delivery budget, so past the bound the answer is 503 at once instead
 * of a queue without limit; once closing, every new export is told to retry (elsewhere or later).
 */
final class Admission {
    private final int limit;
    private final Semaphore permits;
    private volatile boolean closing;

    Admission(int limit) {
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    /** A permit, or empty when the listener is full or closing; the caller answers 503. */
    Optional<Permit> tryEnter() {
        if (closing || !permits.tryAcquire()) {
            return Optional.empty();
        }
        return Optional.of(new Permit());
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
