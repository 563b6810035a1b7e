package dev.ccotel.ports.out;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one export was kept: what a {@link KeepTelemetryPort} answers. Its own type, not the backend's
 * {@link PublishOutcome}: a store knows nothing of tokens, and the exporter is told only whether its
 * export counts, counts in part, or must be sent again.
 */
public sealed interface KeepOutcome {

    /** Kept durably (or, keeping nothing, delivered): the export counts. */
    record Kept() implements KeepOutcome {}

    /** Delivered in part: the backend refused {@code count} items for good; the rest counts. */
    record Rejected(int count, String message) implements KeepOutcome {
        public Rejected {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative: " + count);
            }
            Objects.requireNonNull(message, "message");
        }
    }

    /** Nothing was kept: the exporter must send the export again (after {@code after}, where known). */
    record RetryLater(String reason, Optional<Duration> after) implements KeepOutcome {
        public RetryLater {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(after, "after");
        }
    }
}
