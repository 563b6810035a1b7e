package dev.ccotel.ports.service.status;

import dev.ccotel.ports.model.DeliveryStatus;
import dev.ccotel.ports.out.KeepOutcome;
import dev.ccotel.ports.out.PublishOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The last success and the last failure of one destination (the store, the backend), for
 * {@code /status}. Beside {@link ExportCounters}, the record of the receiving side: the status
 * report reads both, and a second runnable (the hub) records its destinations the same way.
 */
public final class DestinationRecord {
    private final String name;
    private final Clock clock;
    private volatile Instant lastSuccess;
    private volatile DeliveryStatus.Failure lastError;

    public DestinationRecord(String name, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.clock = clock;
    }

    public PublishOutcome note(PublishOutcome outcome) {
        switch (outcome) {
            case PublishOutcome.Accepted a -> lastSuccess = clock.instant();
            case PublishOutcome.Rejected r -> failed("refused " + r.count() + " item(s): " + r.message());
            case PublishOutcome.TokenRefused r -> failed(r.message());
            case PublishOutcome.RetryLater r -> failed(r.reason());
        }
        return outcome;
    }

    /** The store's outcome: kept, or why not. */
    public KeepOutcome note(KeepOutcome outcome) {
        switch (outcome) {
            case KeepOutcome.Kept k -> lastSuccess = clock.instant();
            case KeepOutcome.Rejected r -> failed("refused " + r.count() + " item(s): " + r.message());
            case KeepOutcome.RetryLater r -> failed(r.reason());
        }
        return outcome;
    }

    private void failed(String message) {
        lastError = new DeliveryStatus.Failure(clock.instant(), message);
    }

    /** As {@code /status} shows it: an error older than the last success is over. */
    public DeliveryStatus.Destination destination() {
        Instant success = lastSuccess;
        DeliveryStatus.Failure error = lastError;
        return new DeliveryStatus.Destination(name, Optional.ofNullable(success),
                Optional.ofNullable(error).filter(e -> success == null || e.at().isAfter(success)));
    }
}
