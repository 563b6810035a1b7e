package dev.ccotel.ports.model;

import java.time.Instant;
import java.util.Optional;

/**
 * What waits in the outbox.
 *
 * @param oldest when the oldest waiting request was kept
 * @param refused requests the backend refused since the store was created (kept for people to see)
 */
public record OutboxDepth(long requests, long bytes, Optional<Instant> oldest, long refused) {
    public static final OutboxDepth EMPTY = new OutboxDepth(0, 0, Optional.empty(), 0);
}
