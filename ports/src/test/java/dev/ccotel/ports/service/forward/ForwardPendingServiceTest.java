package dev.ccotel.ports.service.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.ports.fakes.InMemoryOutbox;
import dev.ccotel.ports.fakes.ScriptedPublisher;
import dev.ccotel.ports.in.ForwardRound;
import dev.ccotel.ports.out.EncodedRequest;
import dev.ccotel.ports.out.PendingRequest;
import dev.ccotel.ports.out.PublishTelemetryPort;
import dev.ccotel.ports.out.PublishOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForwardPendingServiceTest {
    private final InMemoryOutbox outbox = new InMemoryOutbox();

    /** {@code n} requests of one session. */
    private void pending(int n) {
        for (int i = 0; i < n; i++) {
            outbox.add(new EncodedRequest("s", new byte[] {(byte) i}, 1));
        }
    }

    @Test
    void backendTakesEverything_theOutboxDrainsInOrder() {
        pending(600); // more than one batch
        ScriptedPublisher publisher = new ScriptedPublisher(new PublishOutcome.Accepted());

        ForwardRound round = new ForwardPendingService(outbox, publisher).forwardPending();

        assertEquals(new ForwardRound.Drained(600, 0), round);
        assertEquals(0, outbox.depth().requests());
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 600).boxed().toList(), outbox.deliveredIds());
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

    /**
     * A backlog of several sessions: two sessions' requests are in flight at once (session a's first request is
     * answered only once session b's has begun), and each session's requests reach the backend in the order written.
     */
    @Test
    void severalSessions_goOutSideBySide_eachInItsOwnOrder() throws InterruptedException {
        for (int i = 0; i < 30; i++) {
            outbox.add(new EncodedRequest(i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : "c", new byte[] {(byte) i}, 1));
        }
        CountDownLatch bBegan = new CountDownLatch(1);
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        PublishTelemetryPort backend = request -> {
            seen.computeIfAbsent(request.sessionId(), s -> new CopyOnWriteArrayList<>()).add((int) request.body()[0]);
            if (request.sessionId().equals("b")) {
                bBegan.countDown();
            }
            if (request.sessionId().equals("a") && request.body()[0] == 0) {
                try {
                    assertTrue(bBegan.await(60, TimeUnit.SECONDS), "session b waited for session a's first request");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new PublishOutcome.Accepted();
        };

        ForwardRound round = new ForwardPendingService(outbox, backend, 4).forwardPending();

        assertEquals(new ForwardRound.Drained(30, 0), round);
        assertEquals(0, outbox.depth().requests());
        assertEquals(List.of(0, 3, 6, 9, 12, 15, 18, 21, 24, 27), seen.get("a"));
        assertEquals(List.of(1, 4, 7, 10, 13, 16, 19, 22, 25, 28), seen.get("b"));
        assertEquals(List.of(2, 5, 8, 11, 14, 17, 20, 23, 26, 29), seen.get("c"));
    }

    /**
     * One session's backend trouble ends the round for the rest of that session only: what the other sessions got
     * through is delivered, and what the failing one did not is next, in its order.
     */
    @Test
    void oneSessionCannotGoOn_theOthersGoThrough_andItsRestWaitsInOrder() {
        for (int i = 0; i < 6; i++) {
            outbox.add(new EncodedRequest(i % 2 == 0 ? "ok" : "busy", new byte[] {(byte) i}, 1));
        }
        PublishTelemetryPort backend = request -> request.sessionId().equals("busy") && request.body()[0] >= 3
                ? new PublishOutcome.RetryLater("HTTP 503", Optional.empty()) : new PublishOutcome.Accepted();

        ForwardRound round = new ForwardPendingService(outbox, backend, 4).forwardPending();

        assertEquals(new ForwardRound.BackendUnavailable(4, 0, "HTTP 503", Optional.empty()), round);
        assertEquals(List.of(1L, 2L, 3L, 5L), outbox.deliveredIds().stream().sorted().toList());
        assertEquals(List.of(4L, 6L), outbox.oldest(10).stream().map(PendingRequest::id).toList());
    }
}
