package dev.ccotel.ports.out;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one request was taken, by the backend or by the local store. Anything that cannot be
 * classified counts as {@link RetryLater}. The exporter is told the in-port's own
 * {@link dev.ccotel.ports.in.IngestResult}, a mirror kept separate because in-ports must not
 * depend on out-ports (an architecture rule enforces it).
 */
public sealed interface PublishOutcome {

    /** The backend has the data, or it is kept durably for later delivery. */
    record Accepted() implements PublishOutcome {}

    /**
     * The backend refused the token (401/403): a setup problem, not bad data. Whatever holds the
     * request keeps it until a working token is configured.
     */
    record TokenRefused(String message) implements PublishOutcome {
        public TokenRefused {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The backend refused the data itself (a 4xx other than 401/403/408/429, or a 2xx answer that
     * says {@code success: false}); sending it again will not help.
     */
    record Rejected(int count, String message) implements PublishOutcome {
        public Rejected {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative: " + count);
            }
            Objects.requireNonNull(message, "message");
        }
    }

    /** The backend could not take the data now (429, 5xx, timeout, connection failure). */
    record RetryLater(String reason, Optional<Duration> after) implements PublishOutcome {
        public RetryLater {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(after, "after");
        }
    }
}
