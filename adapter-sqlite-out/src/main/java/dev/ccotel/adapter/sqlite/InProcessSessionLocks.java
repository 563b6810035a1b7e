package dev.ccotel.adapter.sqlite;

import dev.ccotel.ports.out.HeldSessions;
import dev.ccotel.ports.out.LockSessionsPort;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Holds sessions within this process, which is enough for a hub on SQLite: one process holds the
 * file ({@link StoreLock}), so no other hub folds its sessions. Sessions map onto a fixed set of
 * stripes (two sessions sharing one only wait for each other), taken in ascending order so that two
 * exports holding overlapping sessions cannot deadlock. Semaphores rather than locks: whoever closes
 * the {@link HeldSessions} releases them, whichever thread that is.
 */
final class InProcessSessionLocks implements LockSessionsPort {
    static final int STRIPES = 256;

    private final Semaphore[] stripes = new Semaphore[STRIPES];
    private final Duration wait;

    InProcessSessionLocks(Duration wait) {
        this.wait = wait;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Semaphore(1, true);
        }
    }

    @Override
    public HeldSessions lock(Set<String> sessionIds) {
        int[] held = sessionIds.stream().mapToInt(id -> Math.floorMod(id.hashCode(), STRIPES)).distinct().sorted()
                .toArray();
        int taken = 0;
        try {
            for (int stripe : held) {
                if (!stripes[stripe].tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("a session of this export was held by another export for longer"
                            + " than " + wait.toSeconds() + " s; the sender is told to retry");
                }
                taken++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(held, taken);
            throw new IllegalStateException("interrupted while waiting for a session's lock", e);
        } catch (RuntimeException e) {
            release(held, taken);
            throw e;
        }
        return new HeldSessions(() -> release(held, held.length));
    }

    private void release(int[] held, int count) {
        for (int i = count - 1; i >= 0; i--) {
            stripes[held[i]].release();
        }
    }
}
