package dev.ccotel.ports.service.status;

import dev.ccotel.ports.out.KeepTelemetryPort;
import dev.ccotel.ports.out.KeptExport;
import dev.ccotel.ports.out.KeepOutcome;
import java.util.Objects;

/**
 * The keep hop of the store: notes each commit's outcome for {@code /status} and, when the store
 * took the export, wakes the outbox forwarder so forwarding happens at once.
 */
public final class StoreKeepStatus implements KeepTelemetryPort {
    private final KeepTelemetryPort next;
    private final DestinationRecord record;
    private final Runnable wake;

    public StoreKeepStatus(KeepTelemetryPort next, DestinationRecord record, Runnable wake) {
        this.next = Objects.requireNonNull(next, "next");
        this.record = Objects.requireNonNull(record, "record");
        this.wake = Objects.requireNonNull(wake, "wake");
    }

    @Override
    public KeepOutcome keep(KeptExport export) {
        KeepOutcome outcome = record.note(next.keep(export));
        if (outcome instanceof KeepOutcome.Kept) {
            wake.run();
        }
        return outcome;
    }
}
