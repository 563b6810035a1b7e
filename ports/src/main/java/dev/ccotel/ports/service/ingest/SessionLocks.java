package dev.ccotel.ports.service.ingest;

import java.util.Collection;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the exports of one session from loading its state to keeping the result, so that the
 * request carrying newer totals is never kept (or posted) before the one carrying older totals.
 * Striped: exports of different sessions rarely wait for each other. Stripes are always taken in
 * ascending order, so two exports sharing sessions cannot deadlock.
 */
final class SessionLocks {
    private static final int STRIPES = 256;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    SessionLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Locks every stripe of these sessions; pass the result to {@link #unlock}. */
    int[] lock(Collection<String> sessionIds) {
        int[] held = sessionIds.stream().mapToInt(id -> Math.floorMod(id.hashCode(), STRIPES)).distinct().sorted()
                .toArray();
        for (int stripe : held) {
            stripes[stripe].lock();
        }
        return held;
    }

    void unlock(int[] held) {
        for (int i = held.length - 1; i >= 0; i--) {
            stripes[held[i]].unlock();
        }
    }
}
