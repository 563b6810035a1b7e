package dev.ccotel.ports.service.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.ports.fakes.InMemoryOutbox;
import dev.ccotel.ports.fakes.ScriptedPublisher;
import dev.ccotel.ports.in.ForwardRound;
import dev.ccotel.ports.out.EncodedRequest;
import dev.ccotel.ports.out.PublishOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForwardPendingServiceTest {
    private final InMemoryOutbox outbox = new InMemoryOutbox();

    private void pending(int n) {
        for (int i = 0; i < n; i++) {
            outbox.add(new EncodedRequest("s" + i, new byte[] {(byte) i}, 1));
        }
    }

    @Test
    void backendTakesEverything_theOutboxDrainsInOrder() {
        pending(40); // more than one batch
        ScriptedPublisher publisher = new ScriptedPublisher(new PublishOutcome.Accepted());

        ForwardRound round = new ForwardPendingService(outbox, publisher).forwardPending();

        assertEquals(new ForwardRound.Drained(40, 0), round);
        assertEquals(0, outbox.depth().requests());
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList(), outbox.deliveredIds());
    }

    @Test
    void backendUnavailable_stopsTheRound_andKeepsTheRestInOrder() {
        pending(3);
        ScriptedPublisher publisher = new ScriptedPublisher(new PublishOutcome.Accepted(),
                new PublishOutcome.RetryLater("HTTP 503", Optional.of(Duration.ofSeconds(9))));

        ForwardRound round = new ForwardPendingService(outbox, publisher).forwardPending();

        assertEquals(new ForwardRound.BackendUnavailable(1, 0, "HTTP 503", Optional.of(Duration.ofSeconds(9))), round);
        assertEquals(2, outbox.depth().requests());
        assertEquals(2L, outbox.oldest(1).get(0).id(), "the one that failed is next");
    }

    @Test
    void refusedToken_keepsEverything_nothingIsCalledDelivered() {
        pending(2);
        ScriptedPublisher publisher = new ScriptedPublisher(new PublishOutcome.TokenRefused("HTTP 401"));

        ForwardRound round = new ForwardPendingService(outbox, publisher).forwardPending();

        assertEquals(new ForwardRound.TokenRefused(0, 0, "HTTP 401"), round);
        assertEquals(2, outbox.depth().requests());
        assertTrue(outbox.deliveredIds().isEmpty());
    }

    @Test
    void refusedData_leavesTheOutboxRecorded_andTheRoundGoesOn() {
        pending(2);
        ScriptedPublisher publisher = new ScriptedPublisher(new PublishOutcome.Rejected(1, "HTTP 400"),
                new PublishOutcome.Accepted());

        ForwardRound round = new ForwardPendingService(outbox, publisher).forwardPending();

        assertEquals(new ForwardRound.Drained(1, 1), round);
        assertEquals(List.of("1: HTTP 400"), outbox.refusals());
        assertEquals(List.of(2L), outbox.deliveredIds());
    }
}
