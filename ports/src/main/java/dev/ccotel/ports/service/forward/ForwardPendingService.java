package dev.ccotel.ports.service.forward;

import dev.ccotel.ports.in.ForwardPendingUseCase;
import dev.ccotel.ports.in.ForwardRound;
import dev.ccotel.ports.out.OutboxPort;
import dev.ccotel.ports.out.PendingRequest;
import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.out.PublishTelemetryPort;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Delivers the outbox in the order it was written. A request leaves the outbox only when the
 * backend took it or refused the data itself; a backend that cannot take it now, or a refused
 * token, ends the round with everything still waiting.
 */
public final class ForwardPendingService implements ForwardPendingUseCase {
    private static final System.Logger LOG = System.getLogger(ForwardPendingService.class.getName());
    private static final int BATCH = 32;

    private final OutboxPort outbox;
    private final PublishTelemetryPort publisher;

    public ForwardPendingService(OutboxPort outbox, PublishTelemetryPort publisher) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public ForwardRound forwardPending() {
        int delivered = 0;
        int refused = 0;
        while (true) {
            List<PendingRequest> batch = outbox.oldest(BATCH);
            if (batch.isEmpty()) {
                return new ForwardRound.Drained(delivered, refused);
            }
            List<Long> taken = new ArrayList<>(batch.size());
            for (PendingRequest pending : batch) {
                PublishOutcome outcome = publishSafely(pending);
                switch (outcome) {
                    case PublishOutcome.Accepted a -> {
                        taken.add(pending.id());
                        delivered++;
                    }
                    case PublishOutcome.Rejected r -> {
                        LOG.log(Level.WARNING, "backend refused {0} item(s) of session {1} for good: {2}; kept in the"
                                + " local store, shown by ''ccotel status''", r.count(), pending.request().sessionId(),
                                r.message());
                        markDelivered(taken); // in order: what came before the refusal leaves first
                        outbox.refused(pending.id(), r.message());
                        refused++;
                    }
                    case PublishOutcome.RetryLater r -> {
                        markDelivered(taken);
                        return new ForwardRound.BackendUnavailable(delivered, refused, r.reason(), r.after());
                    }
                    case PublishOutcome.TokenRefused r -> {
                        markDelivered(taken);
                        return new ForwardRound.TokenRefused(delivered, refused, r.message());
                    }
                }
            }
            markDelivered(taken);
        }
    }

    /**
     * One write per batch: a crash between the POSTs and this write sends them again (at least once;
     * the ids are deterministic), never loses them.
     */
    private void markDelivered(List<Long> taken) {
        if (!taken.isEmpty()) {
            outbox.delivered(List.copyOf(taken));
            taken.clear();
        }
    }

    private PublishOutcome publishSafely(PendingRequest pending) {
        try {
            return publisher.publish(pending.request());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "publisher failed unexpectedly for outbox entry " + pending.id(), e);
            return new PublishOutcome.RetryLater("publisher failed: " + e, Optional.empty());
        }
    }
}
