package dev.ccotel.ports.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the daemon delivers and how that goes.
 *
 * @param outbox what waits for the backend ({@link OutboxDepth#EMPTY} where nothing can wait)
 * @param refusing why every export is refused until a person acts (the store was deleted under the
 *     daemon, or is damaged), if it is: a supervisor's health check must see it
 */
public record DeliveryStatus(List<Destination> destinations, OutboxDepth outbox, Optional<String> refusing) {

    public DeliveryStatus {
        destinations = List.copyOf(destinations);
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(refusing, "refusing");
    }

    public DeliveryStatus(List<Destination> destinations, OutboxDepth outbox) {
        this(destinations, outbox, Optional.empty());
    }

    /**
     * @param name what the user configured, e.g. the backend URL (never the token), or {@code dry-run}
     * @param lastSuccess the last delivery the destination took
     * @param lastError the last delivery it did not take, if that came after the last success
     */
    public record Destination(String name, Optional<Instant> lastSuccess, Optional<Failure> lastError) {
        public Destination {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(lastSuccess, "lastSuccess");
            Objects.requireNonNull(lastError, "lastError");
        }
    }

    public record Failure(Instant at, String message) {
        public Failure {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(message, "message");
        }
    }
}
