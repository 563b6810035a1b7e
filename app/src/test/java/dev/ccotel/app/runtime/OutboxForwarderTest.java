package dev.ccotel.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.ports.fakes.InMemoryOutbox;
import dev.ccotel.ports.out.EncodedRequest;
import dev.ccotel.ports.model.OutboxDepth;
import dev.ccotel.ports.out.OutboxPort;
import dev.ccotel.ports.out.PendingRequest;
import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.out.PublishTelemetryPort;
import dev.ccotel.ports.service.forward.ForwardPendingService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The forwarder's behaviour, whatever holds the outbox: a passing read error is "try again later"
 * (never an empty or a damaged outbox), a refused token keeps everything, and the outbox goes out
 * in order once the backend takes it. Short backoffs so the test runs in well under a second.
 */
class OutboxForwarderTest {
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final List<String> posted = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                synchronized (warnings) {
                    warnings.add(record.getMessage());
                }
            } else if (record.getLevel().equals(java.util.logging.Level.INFO)) {
                synchronized (infos) {
                    infos.add(record.getMessage());
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private OutboxForwarder forwarder;

    @BeforeEach
    void captureWarnings() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        if (forwarder != null) {
            forwarder.close();
        }
        Logger.getLogger("").removeHandler(capture);
    }

    private void pending(int n) {
        for (int i = 0; i < n; i++) {
            outbox.add(new EncodedRequest("s", ("r" + i).getBytes(), 1));
        }
    }

    private void start(OutboxPort port, PublishTelemetryPort publisher) {
        forwarder = new OutboxForwarder(new ForwardPendingService(port, publisher), "http://127.0.0.1:1",
                Clock.systemUTC(), Duration.ofMillis(20), Duration.ofMillis(40));
        forwarder.start();
    }

    private PublishTelemetryPort recording(PublishOutcome outcome) {
        return request -> {
            synchronized (posted) {
                posted.add(new String(request.body()));
            }
            return outcome;
        };
    }

    @Test
    void readErrorOfTheStore_isTryAgainLater_everythingIsDeliveredOnceItReadsAgain() {
        pending(30);
        AtomicInteger failures = new AtomicInteger(5); // the next 5 reads fail, as with chmod 000 or no file handles
        OutboxPort flaky = new OutboxPort() {
            @Override
            public List<PendingRequest> oldest(int max) {
                if (failures.getAndDecrement() > 0) {
                    throw new IllegalStateException("cannot read the outbox in /x/ccotel.db: [SQLITE_CANTOPEN] unable"
                            + " to open database file (Too many open files)");
                }
                return outbox.oldest(max);
            }

            @Override
            public void delivered(List<Long> ids) {
                outbox.delivered(ids);
            }

            @Override
            public void refused(long id, String message) {
                outbox.refused(id, message);
            }

            @Override
            public OutboxDepth depth() {
                return outbox.depth();
            }
        };

        start(flaky, recording(new PublishOutcome.Accepted()));

        assertTrue(await(() -> outbox.depth().requests() == 0), "still waiting: " + outbox.depth());
        assertEquals(30, posted.size());
        assertEquals(java.util.stream.IntStream.range(0, 30).mapToObj(i -> "r" + i).toList(), posted, "in order");
        assertEquals(1, warnings.stream().filter(w -> w.contains("cannot be read") && w.contains("ccotel.db")
                && w.contains("Too many open files")).count(), "one warning naming the file and the cause: " + warnings);
    }

    @Test
    void backendDown_thenWhatWaitedExpires_isNotCalledTheBackendTakingRequestsAgain() {
        pending(3);
        start(outbox, recording(new PublishOutcome.RetryLater("HTTP 503", Optional.empty())));
        assertTrue(await(() -> !warnings.isEmpty()), "the failure streak is said");

        // what delivery.outbox.max-age does: the waiting requests leave the outbox without the backend taking them
        outbox.delivered(outbox.oldest(10).stream().map(PendingRequest::id).toList());

        assertTrue(await(() -> {
            synchronized (infos) {
                return infos.stream().anyMatch(i -> i.contains("nothing waits for backend"));
            }
        }), "said: " + infos);
        synchronized (infos) {
            assertTrue(infos.stream().noneMatch(i -> i.contains("takes requests again")), infos.toString());
        }
    }

    @Test
    void refusedToken_keepsEverything_warnsNamingTheKey_andNeverSaysDrained() {
        pending(3);

        start(outbox, recording(new PublishOutcome.TokenRefused("backend refused the token (HTTP 401)")));

        assertTrue(await(() -> !warnings.isEmpty()));
        assertEquals(3, outbox.depth().requests(), "nothing is dropped");
        assertTrue(warnings.get(0).contains("backend.token") && warnings.get(0).contains("nothing is lost"),
                warnings.get(0));
        assertTrue(outbox.deliveredIds().isEmpty());
    }

    @Test
    void wake_forwardsAtOnce_andAnIdleForwarderPostsNothing() throws InterruptedException {
        start(outbox, recording(new PublishOutcome.Accepted()));
        Thread.sleep(100);
        assertTrue(posted.isEmpty());

        pending(1);
        forwarder.wake();

        assertTrue(await(() -> posted.size() == 1));
    }

    private static boolean await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
