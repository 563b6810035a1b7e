package dev.ccotel.ports.out;

import java.time.Instant;
import java.util.Objects;

/**
 * A request waiting in the outbox for the backend.
 *
 * @param id the outbox's own, increasing number: delivery goes in this order
 * @param keptAt when the export it came from was kept
 */
public record PendingRequest(long id, Instant keptAt, EncodedRequest request) {
    public PendingRequest {
        Objects.requireNonNull(keptAt, "keptAt");
        Objects.requireNonNull(request, "request");
    }
}
