package dev.ccotel.ports.service.hub;

import dev.ccotel.ports.in.IngestForwardedCommand;
import dev.ccotel.ports.in.IngestForwardedUseCase;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.out.EncodedRequest;
import dev.ccotel.ports.out.KeepMemberTelemetryPort;
import dev.ccotel.ports.out.KeptExport;
import dev.ccotel.ports.out.KeepOutcome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps a request of the backend contract for its member. The daemon that sent it folded the
 * session and keeps its state; the hub keeps the rows and the session's totals as sent, no state.
 */
public final class IngestForwardedService implements IngestForwardedUseCase {
    private final KeepMemberTelemetryPort keeper;

    public IngestForwardedService(KeepMemberTelemetryPort keeper) {
        this.keeper = Objects.requireNonNull(keeper, "keeper");
    }

    @Override
    public IngestResult ingest(IngestForwardedCommand command) {
        var update = command.update();
        EncodedRequest encoded = new EncodedRequest(update.session().sessionId(), command.body(), update.itemCount());
        KeepOutcome outcome;
        try {
            outcome = keeper.keep(command.member(), new KeptExport(List.of(new KeptExport.Request(update, encoded)),
                    List.of()));
        } catch (RuntimeException e) {
            outcome = new KeepOutcome.RetryLater("keeping the request failed: " + e, Optional.empty());
        }
        return switch (outcome) {
            case KeepOutcome.Kept k -> new IngestResult.Success();
            case KeepOutcome.Rejected r -> new IngestResult.PartialSuccess(r.count(), r.message());
            case KeepOutcome.RetryLater r -> new IngestResult.RetryLater(r.reason(), r.after());
        };
    }
}
