package dev.ccotel.ports.service.status;

import dev.ccotel.ports.out.EncodedRequest;
import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.out.PublishTelemetryPort;
import java.util.Objects;

/**
 * The publish hop's record for {@code /status}: a decorator between the outbox forwarder (or
 * passthrough) and the HTTP client, so what it notes is the backend's own answer.
 */
public final class BackendDeliveryStatus implements PublishTelemetryPort {
    private final PublishTelemetryPort next;
    private final DestinationRecord record;

    public BackendDeliveryStatus(PublishTelemetryPort next, DestinationRecord record) {
        this.next = Objects.requireNonNull(next, "next");
        this.record = Objects.requireNonNull(record, "record");
    }

    @Override
    public PublishOutcome publish(EncodedRequest request) {
        return record.note(next.publish(request));
    }
}
