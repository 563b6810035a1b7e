package dev.ccotel.app.runtime;

import dev.ccotel.domain.model.CcOtelRequest;
import dev.ccotel.ports.out.DeliveryStatus;
import dev.ccotel.ports.out.DeliveryStatusPort;
import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.out.PublishTelemetryPort;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A stop-gap {@link DeliveryStatusPort} over today's publisher chain, until the store's outbox reports
 * delivery itself: a decorator that notes each publish's outcome, plus the spool's depth. The spool
 * answers Accepted when it kept a request the backend did not take, so a publish during which the spool
 * grew counts as an error ("kept in the spool"); with exports in parallel that attribution can be off by
 * one request. Re-sends by the spool's drainer do not pass through here: a falling depth shows them.
 */
final class BackendDeliveryStatus implements PublishTelemetryPort, DeliveryStatusPort {
    private final PublishTelemetryPort next;
    private final String name;
    private final LongSupplier pendingRequests;
    private final LongSupplier pendingBytes;
    private final Clock clock;
    private volatile Instant lastSuccess;
    private volatile DeliveryStatus.Failure lastError;

    BackendDeliveryStatus(PublishTelemetryPort next, String name, LongSupplier pendingRequests,
            LongSupplier pendingBytes, Clock clock) {
        this.next = Objects.requireNonNull(next, "next");
        this.name = Objects.requireNonNull(name, "name");
        this.pendingRequests = pendingRequests;
        this.pendingBytes = pendingBytes;
        this.clock = clock;
    }

    @Override
    public PublishOutcome publish(CcOtelRequest request) {
        long spooledBefore = pendingRequests.getAsLong();
        PublishOutcome outcome = next.publish(request);
        switch (outcome) {
            case PublishOutcome.Accepted a -> {
                long spooledAfter = pendingRequests.getAsLong();
                if (spooledAfter > spooledBefore) {
                    failed("the backend did not take it; kept in the spool (" + spooledAfter + " waiting)");
                } else {
                    lastSuccess = clock.instant();
                }
            }
            case PublishOutcome.Rejected r -> failed("refused " + r.count() + ": " + r.message());
            case PublishOutcome.RetryLater r -> failed(r.reason());
        }
        return outcome;
    }

    private void failed(String message) {
        lastError = new DeliveryStatus.Failure(clock.instant(), message);
    }

    @Override
    public DeliveryStatus deliveryStatus() {
        Instant success = lastSuccess;
        DeliveryStatus.Failure error = lastError;
        // An error older than the last success is over: the destination has taken data since.
        Optional<DeliveryStatus.Failure> current = Optional.ofNullable(error)
                .filter(e -> success == null || e.at().isAfter(success));
        return new DeliveryStatus(List.of(new DeliveryStatus.Destination(name, Optional.ofNullable(success), current)),
                pendingRequests.getAsLong(), pendingBytes.getAsLong());
    }
}
