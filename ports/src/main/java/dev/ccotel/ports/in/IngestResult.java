package dev.ccotel.ports.in;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the exporter is told about one export; an inbound adapter turns it into an OTLP response.
 * It mirrors {@link dev.ccotel.ports.out.KeepOutcome} rather than reusing it, because in-ports must not
 * depend on out-ports (an architecture rule enforces it).
 */
public sealed interface IngestResult {

    /** Everything forwarded (or safely kept for later delivery). */
    record Success() implements IngestResult {}

    /** The backend refused part of the data; retrying would not help. */
    record PartialSuccess(long rejected, String message) implements IngestResult {
        public PartialSuccess {
            if (rejected < 0) {
                throw new IllegalArgumentException("rejected must not be negative: " + rejected);
            }
            Objects.requireNonNull(message, "message");
        }
    }

    /** The data could not be delivered now; the exporter should send it again. */
    record RetryLater(String reason, Optional<Duration> after) implements IngestResult {
        public RetryLater {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(after, "after");
        }
    }
}
