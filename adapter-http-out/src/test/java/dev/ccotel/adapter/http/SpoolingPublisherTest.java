package dev.ccotel.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccotel.adapter.http.FakeBackend.Reply;
import dev.ccotel.domain.model.CcOtelRequest;
import dev.ccotel.ports.out.PublishOutcome.Accepted;
import dev.ccotel.ports.out.PublishOutcome.Rejected;
import dev.ccotel.ports.out.PublishOutcome.RetryLater;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembled publisher against a real HTTP backend: outage, recovery, restart, damage and limits. */
class SpoolingPublisherTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final FakeTime time = new FakeTime();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private volatile int status = 503;
    private FakeBackend backend;

    @BeforeEach
    void startBackend() throws Exception {
        // Records the event ids of what it accepted, in the order it accepted them.
        backend = new FakeBackend().answer(r -> {
            if (status == 200) {
                delivered.add(eventId(r.body()));
            }
            return Reply.of(status);
        });
    }

    @AfterEach
    void stopBackend() {
        backend.close();
    }

    @Test
    void backendOutage_requestIsAcceptedAndSpooledInAPrivateFile() throws Exception {
        try (BackendPublisher publisher = start(SpoolConfig.enabledIn(tmp.resolve("spool")))) {
            assertInstanceOf(Accepted.class, publisher.publish(Requests.withEvent("e1")));
            assertEquals(1, publisher.spooledRecords());
            assertTrue(publisher.spooledBytes() > 0);
            Path segment = segments(tmp.resolve("spool")).getFirst();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(segment)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("spool"))));
        }
    }

    @Test
    void backendBack_spoolIsDrainedInOrderAndNewRequestsQueueBehindIt() throws Exception {
        try (BackendPublisher publisher = start(SpoolConfig.enabledIn(tmp))) {
            for (String id : List.of("e1", "e2", "e3")) {
                assertInstanceOf(Accepted.class, publisher.publish(Requests.withEvent(id)));
            }
            status = 200;
            assertInstanceOf(Accepted.class, publisher.publish(Requests.withEvent("e4")));
            Eventually.await(() -> publisher.spooledRecords() == 0, "the spool is drained");
            assertEquals(List.of("e1", "e2", "e3", "e4"), delivered);
            assertEquals(List.of(), segments(tmp));
        }
    }

    @Test
    void restartOnTheSameSpool_resumesDelivery() throws Exception {
        try (BackendPublisher first = start(SpoolConfig.enabledIn(tmp))) {
            first.publish(Requests.withEvent("e1"));
            first.publish(Requests.withEvent("e2"));
        }
        status = 200;
        try (BackendPublisher second = start(SpoolConfig.enabledIn(tmp))) {
            Eventually.await(() -> delivered.size() == 2, "the earlier run's requests are delivered");
            assertEquals(List.of("e1", "e2"), delivered);
            Eventually.await(() -> second.spooledRecords() == 0, "the spool is empty");
        }
    }

    @Test
    void corruptSpoolFileFromAnEarlierRun_isSkippedAndDeliveryGoesOn() throws Exception {
        Files.write(tmp.resolve("segment-0000000000000001.spool"), new byte[] {(byte) 0xFF, 1, 2, 3, 4, 5});
        status = 200;
        try (BackendPublisher publisher = start(SpoolConfig.enabledIn(tmp))) {
            assertInstanceOf(Accepted.class, publisher.publish(Requests.withEvent("e1")));
            assertEquals(List.of("e1"), delivered);
        }
    }

    @Test
    void spoolFull_outcomeIsRetryLater() throws Exception {
        CcOtelRequest big = withPrompt("x".repeat(40 * 1024));
        try (BackendPublisher publisher = start(new SpoolConfig(true, tmp, SpoolConfig.MIN_MAX_BYTES, Duration.ofDays(1)))) {
            assertInstanceOf(Accepted.class, publisher.publish(big));
            assertInstanceOf(RetryLater.class, publisher.publish(big));
            assertEquals(1, publisher.spooledRecords());
        }
    }

    @Test
    void spoolDisabled_outcomeIsRetryLater() throws Exception {
        try (BackendPublisher publisher = start(SpoolConfig.disabled())) {
            assertInstanceOf(RetryLater.class, publisher.publish(Requests.withEvent("e1")));
            assertEquals(0, publisher.spooledRecords());
        }
    }

    @Test
    void backendRejects_requestIsNotSpooled() throws Exception {
        status = 400;
        try (BackendPublisher publisher = start(SpoolConfig.enabledIn(tmp))) {
            assertInstanceOf(Rejected.class, publisher.publish(Requests.withEvent("e1")));
            assertEquals(0, publisher.spooledRecords());
        }
    }

    @Test
    @SuppressWarnings("try") // the open resource is the point: it holds the lock
    void spoolFolderInUseByAnotherDaemon_failsStartUpWithAClearMessage() throws Exception {
        try (BackendPublisher first = start(SpoolConfig.enabledIn(tmp))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> start(SpoolConfig.enabledIn(tmp)));
            assertTrue(e.getMessage().contains("delivery.spool.enabled"), e.getMessage());
        }
    }

    private BackendPublisher start(SpoolConfig spool) {
        HttpOutConfig config = new HttpOutConfig(backend.url(), TestConfigs.TOKEN, Duration.ofSeconds(5), "1.2.3",
                Duration.ofSeconds(1), spool);
        return HttpPublishers.start(config, time, time, Duration.ofMillis(5), Duration.ofMillis(20));
    }

    private static CcOtelRequest withPrompt(String prompt) {
        CcOtelRequest r = Requests.everyField();
        var e = r.events().getFirst();
        var event = new dev.ccotel.domain.model.Event(e.eventId(), e.eventType(), e.timestamp(), e.sequence(),
                e.promptId(), e.model(), e.costUsd(), e.durationMs(), e.inputTokens(), e.outputTokens(),
                e.cacheReadTokens(), e.cacheCreationTokens(), e.toolName(), e.success(), e.decision(), e.source(),
                e.error(), e.promptLength(), java.util.Optional.of(prompt), e.toolParametersJson(), e.toolInput(),
                e.toolInputSizeBytes(), e.statusCode(), e.attempt(), e.language(), e.attributes());
        return new CcOtelRequest(r.host(), r.project(), r.session(), List.of(event), List.of());
    }

    private static String eventId(byte[] body) {
        try {
            return JSON.readTree(body).path("events").path(0).path("eventId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".spool")).sorted().toList();
        }
    }
}
