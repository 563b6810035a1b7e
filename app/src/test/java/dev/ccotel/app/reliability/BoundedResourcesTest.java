package dev.ccotel.app.reliability;

import static dev.ccotel.domain.fixtures.Otlp.attrs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccotel.app.FakeBackend;
import dev.ccotel.app.FakeBackend.Answer;
import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.fixtures.Otlp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** receiver.max-concurrent-calls, receiver.max-message-bytes and sessions.max hold end to end. */
class BoundedResourcesTest {
    @TempDir
    Path home;

    @RegisterExtension
    final DaemonFixture fixture = new DaemonFixture(() -> home);
    private final FakeBackend backend = fixture.backend;
    private DaemonHarness daemon;

    @Test
    void moreConcurrentExportsThanTheLimit_theRestGetResourceExhausted_andTheBackendNeverSeesMoreThanTheLimit()
            throws Exception {
        int limit = 4;
        int sent = 24;
        backend.answer(new Answer(200, null, Duration.ofMillis(1_500)));
        daemon = fixture.start(Map.of("receiver.max-concurrent-calls", Integer.toString(limit),
                "backend.timeout", "10s"));
        ExportLogsServiceRequest request = Fixtures.pbLogs("bash-tool");

        List<Future<ExportLogsServiceResponse>> calls = new ArrayList<>();
        for (int i = 0; i < sent; i++) {
            calls.add(LogsServiceGrpc.newFutureStub(daemon.channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                    .export(request));
        }
        Map<Status.Code, Integer> codes = new EnumMap<>(Status.Code.class);
        for (Future<ExportLogsServiceResponse> call : calls) {
            try {
                call.get(90, TimeUnit.SECONDS);
                codes.merge(Status.Code.OK, 1, Integer::sum);
            } catch (ExecutionException e) {
                codes.merge(Status.fromThrowable(e.getCause()).getCode(), 1, Integer::sum);
            }
        }

        System.out.printf("[reliability] %d concurrent exports, limit %d: %s; backend saw at most %d at once%n",
                sent, limit, codes, backend.maxInFlight());
        assertEquals(sent, codes.getOrDefault(Status.Code.OK, 0) + codes.getOrDefault(Status.Code.RESOURCE_EXHAUSTED, 0),
                "only OK or RESOURCE_EXHAUSTED: " + codes);
        assertTrue(codes.getOrDefault(Status.Code.RESOURCE_EXHAUSTED, 0) >= 1, codes.toString());
        assertTrue(codes.getOrDefault(Status.Code.OK, 0) >= 1, codes.toString());
        assertTrue(backend.maxInFlight() <= limit, "backend saw " + backend.maxInFlight() + " at once");
        assertEquals(codes.get(Status.Code.OK), backend.accepted().size(), "each OK export was forwarded once");

        backend.answer(200);
        daemon.export(Fixtures.pbLogs("text-reply")); // permits were all given back
    }

    @Test
    void exportOverMaxMessageBytes_resourceExhausted_andTheDaemonKeepsServing() {
        daemon = fixture.start(Map.of("receiver.max-message-bytes", "65536"));
        String big = "x".repeat(200_000);
        ExportLogsServiceRequest huge = Otlp.logs(Otlp.claudeCode(), List.of(Otlp.event(1L,
                attrs("session.id", "s-big", "event.name", "user_prompt", "prompt", big))));

        StatusRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                () -> daemon.export(huge));

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
        assertTrue(backend.received().isEmpty());
        daemon.export(Fixtures.pbLogs("text-reply"));
        assertEquals(1, backend.accepted().size());
    }

    /** Keeps the dry-run lines that mention one session id, counts the rest. */
    static final class Lines extends OutputStream {
        private final String keep;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        final List<String> kept = new ArrayList<>();
        final AtomicLong count = new AtomicLong();

        Lines(String keep) {
            this.keep = keep;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.UTF_8);
                count.incrementAndGet();
                if (s.contains(keep)) {
                    kept.add(s);
                }
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void hundredThousandDistinctSessions_theLedgerForgetsTheOldestBeyondSessionsMax() throws IOException {
        int max = 1_000;
        int sessions = 100_000;
        int perExport = 1_000;
        String watched = "99999999-0000-4000-8000-00000000beef";
        Lines out = new Lines(watched);
        daemon = fixture.startDryRun(Map.of("sessions.max", Integer.toString(max)),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        long heapBefore = usedHeapAfterGc();
        long t = Instant.now().toEpochMilli() * 1_000_000L;

        daemon.export(prompts(List.of(watched), t, 1));
        for (int base = 0; base < sessions; base += perExport) {
            List<String> ids = new ArrayList<>();
            for (int i = base; i < base + perExport; i++) {
                ids.add(String.format("00000000-0000-4000-8000-%012d", i));
            }
            daemon.export(prompts(ids, t + base + 1, 1));
        }
        long heapAfter = usedHeapAfterGc();
        daemon.export(prompts(List.of(watched), t + sessions + 10, 2));

        assertEquals(sessions + 2, out.count.get(), "one request per session per export");
        assertEquals(2, out.kept.size());
        JsonNode first = FakeBackend.JSON.readTree(out.kept.get(0));
        JsonNode again = FakeBackend.JSON.readTree(out.kept.get(1));
        assertEquals(1, first.at("/session/totalPrompts").asInt());
        // Had the ledger kept all 100,001 sessions, the watched one would say 2 prompts now.
        assertEquals(1, again.at("/session/totalPrompts").asInt(), "the watched session was evicted: the ledger is bounded");
        System.out.printf("[reliability] %d distinct sessions through a ledger of %d: heap after GC %d MiB before, "
                + "%d MiB after%n", sessions + 1, max, heapBefore >> 20, heapAfter >> 20);
    }

    private static ExportLogsServiceRequest prompts(List<String> sessionIds, long timeNanos, int sequence) {
        List<LogRecord> records = new ArrayList<>();
        for (String id : sessionIds) {
            records.add(Otlp.event(timeNanos, attrs("session.id", id, "event.name", "user_prompt", "event.sequence", sequence,
                    "prompt_length", 5)));
        }
        return Otlp.logs(Otlp.claudeCode(), records);
    }
}
