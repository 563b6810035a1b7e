package dev.ccotel.ports.out;

import dev.ccotel.ports.model.OutboxDepth;

import java.util.List;

/**
 * The requests kept for the backend and not yet delivered, oldest first. Written together with the
 * rows they come from (see {@link KeepTelemetryPort}); read and cleared by the forwarder.
 */
public interface OutboxPort {

    /** Up to {@code max} pending requests, in the order they were kept. */
    List<PendingRequest> oldest(int max);

    /** The backend has these (one write for a whole round's worth, not one per request). */
    void delivered(List<Long> ids);

    /** The backend refused the data itself: it leaves the outbox, and the refusal is recorded where people look. */
    void refused(long id, String message);

    /** What waits now. */
    OutboxDepth depth();
}
