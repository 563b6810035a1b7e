package dev.ccotel.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.adapter.http.FakeBackend.Reply;
import dev.ccotel.ports.out.PublishOutcome.Accepted;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Retry-After on the direct POST also holds back the drainer: the request spooled because of that
 * answer is not re-sent at once (it was, ~150 ms later, before the drainer was told; found by the
 * app's reliability OutageTest).
 */
class SpoolRetryAfterTest {
    @TempDir
    Path tmp;

    private final List<Long> postedAtNanos = new CopyOnWriteArrayList<>();
    private final AtomicInteger posts = new AtomicInteger();
    private FakeBackend backend;

    @BeforeEach
    void startBackend() throws Exception {
        backend = new FakeBackend().answer(r -> {
            postedAtNanos.add(System.nanoTime());
            return posts.getAndIncrement() == 0 ? new Reply(429, "", Map.of("Retry-After", "1")) : Reply.of(200);
        });
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void retryAfterFromTheDirectPost_theDrainerWaitsForItBeforeTheNextTry() throws Exception {
        HttpOutConfig config = new HttpOutConfig(backend.url(), TestConfigs.TOKEN, Duration.ofSeconds(5), "1.2.3",
                Duration.ofMillis(200), SpoolConfig.enabledIn(tmp));
        // Drainer backoffs far below the Retry-After: only the hand-over can make it wait a second.
        try (BackendPublisher publisher = HttpPublishers.start(config, Clock.systemUTC(), Sleeper.REAL,
                Duration.ofMillis(5), Duration.ofMillis(20))) {
            assertInstanceOf(Accepted.class, publisher.publish(Requests.withEvent("e1")));
            Eventually.await(() -> publisher.spooledRecords() == 0, "the spool is drained");
        }
        assertEquals(2, postedAtNanos.size());
        long gapMs = (postedAtNanos.get(1) - postedAtNanos.get(0)) / 1_000_000;
        assertTrue(gapMs >= 900, "Retry-After: 1 was honoured; the re-send came after " + gapMs + " ms");
    }
}
