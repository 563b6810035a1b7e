package dev.ccotel.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.ports.out.PublishOutcome.Accepted;
import dev.ccotel.ports.out.PublishOutcome.Rejected;
import dev.ccotel.ports.out.PublishOutcome.RetryLater;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolDrainerTest {
    private static final RetryLater UNAVAILABLE = new RetryLater("503", Optional.empty());

    @TempDir
    Path tmp;

    private SpoolStore store;

    @BeforeEach
    void openStore() throws Exception {
        store = SpoolStore.open(SpoolConfig.enabledIn(tmp), new FakeTime());
        for (String s : List.of("a", "b", "c")) {
            store.append(s.getBytes(StandardCharsets.UTF_8), 1);
        }
    }

    @AfterEach
    void closeStore() throws Exception {
        store.close();
    }

    @Test
    void backendAccepts_recordsGoOutOldestFirstWithoutDelay() {
        ScriptedPublisher backend = new ScriptedPublisher(new Accepted());
        SpoolDrainer drainer = drainer(backend);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.of(Duration.ZERO), drainer.drainOnce());
        }
        assertEquals(Optional.empty(), drainer.drainOnce());
        assertEquals(List.of("a", "b", "c"), texts(backend));
    }

    @Test
    void backendStillUnavailable_oldestIsKeptAndBackoffDoublesToItsCap() {
        ScriptedPublisher backend = new ScriptedPublisher(UNAVAILABLE);
        SpoolDrainer drainer = drainer(backend);
        List<Long> waits = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> drainer.drainOnce().orElseThrow().toMillis()).toList();
        assertEquals(List.of(100L, 200L, 400L, 400L, 400L), waits);
        assertEquals(List.of("a", "a", "a", "a", "a"), texts(backend));
        assertEquals(3, store.spooledRecords());
    }

    @Test
    void backendAsksForRetryAfter_drainerWaitsThatLong() {
        SpoolDrainer drainer = drainer(new ScriptedPublisher(new RetryLater("429", Optional.of(Duration.ofSeconds(30)))));
        assertEquals(Optional.of(Duration.ofSeconds(30)), drainer.drainOnce());
    }

    @Test
    void backendRejectsASpooledRecord_itIsDroppedAndTheNextFollows() {
        ScriptedPublisher backend = new ScriptedPublisher(new Rejected(1, "400"), new Accepted());
        SpoolDrainer drainer = drainer(backend);
        drainer.drainOnce();
        drainer.drainOnce();
        assertEquals(List.of("a", "b"), texts(backend));
        assertEquals(1, store.spooledRecords());
    }

    @Test
    void backendRecovers_backoffStartsOverAfterASuccess() {
        ScriptedPublisher backend = new ScriptedPublisher(UNAVAILABLE, UNAVAILABLE, new Accepted(), UNAVAILABLE);
        SpoolDrainer drainer = drainer(backend);
        drainer.drainOnce();
        drainer.drainOnce();
        drainer.drainOnce();
        assertEquals(Optional.of(Duration.ofMillis(100)), drainer.drainOnce());
    }

    @Test
    void backendAskedForAPauseOnTheDirectPath_drainerWaitsWithoutProbing() {
        ScriptedPublisher backend = new ScriptedPublisher(new Accepted());
        SpoolDrainer drainer = drainer(backend);
        drainer.holdOff(Duration.ofMinutes(1));
        drainer.holdOff(Duration.ofSeconds(1)); // a shorter pause does not cut the longer one short
        Duration wait = drainer.drainOnce().orElseThrow();
        assertTrue(wait.compareTo(Duration.ofSeconds(1)) > 0 && wait.compareTo(Duration.ofMinutes(1)) <= 0,
                wait::toString);
        assertEquals(List.of(), backend.posts());
    }

    @Test
    void pauseThatHasPassed_drainerProbesAgain() {
        ScriptedPublisher backend = new ScriptedPublisher(new Accepted());
        SpoolDrainer drainer = drainer(backend);
        drainer.holdOff(Duration.ZERO);
        assertEquals(Optional.of(Duration.ZERO), drainer.drainOnce());
        assertEquals(List.of("a"), texts(backend));
    }

    private SpoolDrainer drainer(BytePublisher backend) {
        return new SpoolDrainer(store, backend, Duration.ofMillis(100), Duration.ofMillis(400));
    }

    private static List<String> texts(ScriptedPublisher backend) {
        return backend.posts().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }
}
