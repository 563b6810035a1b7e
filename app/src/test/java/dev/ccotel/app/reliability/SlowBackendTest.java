package dev.ccotel.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.app.FakeBackend;
import dev.ccotel.app.FakeBackend.Answer;
import dev.ccotel.domain.fixtures.Fixtures;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend slower than {@code backend.timeout}: with the spool off each export ends UNAVAILABLE
 * within the delivery budget, bursts of them leave no platform threads behind, and the daemon keeps
 * answering exports that need no backend (and normal ones once the backend is quick again).
 */
class SlowBackendTest {
    private static final int BURST = 40;

    @TempDir
    Path home;

    @RegisterExtension
    final DaemonFixture fixture = new DaemonFixture(() -> home);
    private final FakeBackend backend = fixture.backend;
    private DaemonHarness daemon;

    /** Sends {@code count} exports at once and waits for every answer (each call has its own deadline). */
    private Map<Status.Code, Integer> burst(int count) throws InterruptedException {
        ExportLogsServiceRequest request = Fixtures.pbLogs("bash-tool");
        List<Future<ExportLogsServiceResponse>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(LogsServiceGrpc.newFutureStub(daemon.channel)
                    .withDeadlineAfter(DaemonHarness.CALL_DEADLINE_SECONDS, TimeUnit.SECONDS).export(request));
        }
        Map<Status.Code, Integer> codes = new EnumMap<>(Status.Code.class);
        for (Future<ExportLogsServiceResponse> call : calls) {
            Status.Code code;
            try {
                call.get(DaemonHarness.CALL_DEADLINE_SECONDS + 10, TimeUnit.SECONDS);
                code = Status.Code.OK;
            } catch (ExecutionException e) {
                code = Status.fromThrowable(e.getCause()).getCode();
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("an export got no answer at all", e);
            }
            codes.merge(code, 1, Integer::sum);
        }
        return codes;
    }

    /** Every thread, virtual ones included, from a thread dump (the handlers run on virtual threads). */
    private static int allThreads(Path dir) throws java.io.IOException {
        Path dump = dir.resolve("threads-" + System.nanoTime() + ".txt");
        ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                .dumpThreads(dump.toString(), com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
        try (var lines = java.nio.file.Files.lines(dump)) {
            return (int) lines.filter(l -> l.matches("^#\\d+ .*")).count();
        }
    }

    private static int platformThreads() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.getThreadCount();
    }

    @Test
    void backendSlowerThanTheTimeout_passthrough_unavailable_noThreadBuildUp_andOtherExportsAreStillAnswered()
            throws Exception {
        backend.answer(new Answer(200, null, Duration.ofSeconds(3)));
        daemon = fixture.start(Map.of(
                "backend.timeout", "300ms", "delivery.retry-budget", "300ms"));

        StatusRuntimeException one = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                () -> daemon.export(Fixtures.pbLogs("text-reply")));
        assertEquals(Status.Code.UNAVAILABLE, one.getStatus().getCode());
        assertTrue(daemon.log.text().contains("delivery.mode is passthrough"), "the loss is logged");

        burst(BURST); // warm-up: connection pools and executors reach their steady size
        FakeBackend.await(Duration.ofSeconds(30), () -> backend.inFlight() == 0);
        int before = platformThreads();
        int allBefore = allThreads(home);
        Map<Status.Code, Integer> first = burst(BURST);
        // Exports that need no backend are answered while the slow ones are in flight.
        List<Future<ExportLogsServiceResponse>> slow = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            slow.add(LogsServiceGrpc.newFutureStub(daemon.channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .export(Fixtures.pbLogs("write-file")));
        }
        TraceServiceGrpc.newBlockingStub(daemon.channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .export(ExportTraceServiceRequest.getDefaultInstance());
        daemon.export(ExportLogsServiceRequest.getDefaultInstance());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, HealthGrpc.newBlockingStub(daemon.channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance()).getStatus());
        for (Future<ExportLogsServiceResponse> f : slow) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException expected) {
                assertEquals(Status.Code.UNAVAILABLE, Status.fromThrowable(expected.getCause()).getCode());
            }
        }
        Map<Status.Code, Integer> second = burst(BURST);
        // Let the abandoned POSTs at the fake backend finish; then count again.
        FakeBackend.await(Duration.ofSeconds(30), () -> backend.inFlight() == 0);
        FakeBackend.sleep(500);
        int after = platformThreads();
        int allAfter = allThreads(home);

        assertEquals(Map.of(Status.Code.UNAVAILABLE, BURST), first);
        assertEquals(Map.of(Status.Code.UNAVAILABLE, BURST), second);
        System.out.printf("[reliability] slow backend: %d exports UNAVAILABLE; platform threads %d before, %d after; "
                + "all threads (thread dump, virtual included) %d before, %d after%n",
                2 * BURST + 10, before, after, allBefore, allAfter);
        // A leak would grow with the 90 exports; a few pool threads (e.g. virtual-thread carriers) may come and go.
        assertTrue(after - before <= 20, "platform threads grew from " + before + " to " + after);
        assertTrue(allAfter - allBefore <= 20, "threads in the dump grew from " + allBefore + " to " + allAfter);

        backend.answer(200);
        daemon.export(Fixtures.pbLogs("api-error")); // quick again: a normal export succeeds
        assertTrue(backend.accepted().stream().anyMatch(r -> r.body().contains("api_error")));
    }
}
