package dev.ccotel.app.reliability;

import static dev.ccotel.domain.fixtures.Otlp.attrs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.app.FakeBackend;
import dev.ccotel.app.FakeBackend.Answer;
import dev.ccotel.domain.fixtures.Otlp;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the packaged daemon while exports are in flight at a slow backend: the process exits
 * 0 within a bounded time, each in-flight export ends OK or with an error status, and every export
 * answered OK reaches the backend. In passthrough the POSTs are in the calls; with the store (the
 * last test) the forwarder is what is stuck, and a new daemon sends what the outbox still holds.
 */
class ShutdownIT {
    private static final int IN_FLIGHT = 8;

    @TempDir
    Path home;

    private final FakeBackend backend = new FakeBackend();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        backend.close();
    }

    private PackagedDaemon startDaemon(Map<String, String> settings) throws IOException {
        PackagedDaemon daemon = PackagedDaemon.start(home, List.of(), backend.url(), settings);
        processes.add(daemon.process());
        return daemon;
    }

    private static ExportLogsServiceRequest prompt(String sessionId) {
        return Otlp.logs(Otlp.claudeCode(), List.of(Otlp.event(System.currentTimeMillis() * 1_000_000L,
                attrs("session.id", sessionId, "event.name", "user_prompt", "event.sequence", 1, "prompt_length", 3))));
    }

    private Map<String, Status.Code> sigtermWhileInFlight(PackagedDaemon daemon, int expectAtBackend) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", daemon.port()).usePlaintext().build();
        Map<String, Future<ExportLogsServiceResponse>> calls = new LinkedHashMap<>();
        try {
            for (int i = 0; i < IN_FLIGHT; i++) {
                String session = "66666666-0000-4000-8000-" + String.format("%012d", i);
                calls.put(session, LogsServiceGrpc.newFutureStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                        .export(prompt(session)));
            }
            assertTrue(FakeBackend.await(Duration.ofSeconds(30), () -> backend.inFlight() >= expectAtBackend),
                    "exports reached the slow backend: " + backend.inFlight());
            long t0 = System.nanoTime();
            daemon.process().destroy(); // SIGTERM
            assertTrue(daemon.process().waitFor(60, TimeUnit.SECONDS), "exits within a bounded time: " + daemon.err());
            System.out.printf("[reliability] SIGTERM with %d exports in flight: exit %d after %d ms%n", IN_FLIGHT,
                    daemon.process().exitValue(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            assertEquals(0, daemon.process().exitValue(), daemon.err().toString());
            Map<String, Status.Code> outcome = new LinkedHashMap<>();
            for (Map.Entry<String, Future<ExportLogsServiceResponse>> call : calls.entrySet()) {
                try {
                    call.getValue().get(60, TimeUnit.SECONDS);
                    outcome.put(call.getKey(), Status.Code.OK);
                } catch (ExecutionException e) {
                    outcome.put(call.getKey(), Status.fromThrowable(e.getCause()).getCode());
                }
            }
            return outcome;
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private boolean accepted(String session) {
        return backend.accepted().stream().anyMatch(r -> r.body().contains(session));
    }

    private void assertNothingAcceptedIsLost(Map<String, Status.Code> outcome) throws Exception {
        List<String> ok = outcome.entrySet().stream().filter(e -> e.getValue() == Status.Code.OK).map(Map.Entry::getKey)
                .toList();
        // Whatever was answered OK but has not arrived must be in the store: a new daemon sends it.
        if (!ok.stream().allMatch(this::accepted)) {
            backend.answer(200);
            PackagedDaemon again = startDaemon(Map.of());
            boolean all = FakeBackend.await(Duration.ofSeconds(90), () -> ok.stream().allMatch(this::accepted));
            again.process().destroy();
            again.process().waitFor(60, TimeUnit.SECONDS);
            assertTrue(all, "answered OK but never delivered: "
                    + ok.stream().filter(s -> !accepted(s)).toList() + "\n" + again.err());
        }
        Map<Status.Code, Integer> codes = new EnumMap<>(Status.Code.class);
        outcome.values().forEach(c -> codes.merge(c, 1, Integer::sum));
        System.out.printf("[reliability] in-flight outcomes %s; all %d OK exports delivered%n", codes, ok.size());
    }

    @Test
    void sigtermWithExportsInFlight_theyFinish_exitZero_nothingAcceptedIsLost() throws Exception {
        backend.answer(new Answer(200, null, Duration.ofSeconds(3)));
        // Passthrough: the POSTs happen inside the calls, so they are what SIGTERM finds in flight.
        PackagedDaemon daemon = startDaemon(Map.of("delivery.mode", "passthrough"));

        Map<String, Status.Code> outcome = sigtermWhileInFlight(daemon, IN_FLIGHT);

        assertTrue(outcome.values().stream().allMatch(c -> c == Status.Code.OK || c == Status.Code.UNAVAILABLE),
                outcome.toString());
        assertNothingAcceptedIsLost(outcome);
    }

    @Test
    void sigtermWhileTheBackendHangsLongerThanTheShutdownGrace_exitZeroInBoundedTime_nothingAcceptedIsLost()
            throws Exception {
        // receiver.shutdown-grace is 10 s; the backend holds each POST for 20 s (timeout 25 s, budget 1 s).
        backend.answer(new Answer(200, null, Duration.ofSeconds(20)));
        PackagedDaemon daemon = startDaemon(Map.of("backend.timeout", "25s", "delivery.retry-budget", "1s",
                "delivery.mode", "passthrough"));

        Map<String, Status.Code> outcome = sigtermWhileInFlight(daemon, IN_FLIGHT);

        assertTrue(outcome.values().stream().noneMatch(c -> c == Status.Code.DEADLINE_EXCEEDED), outcome.toString());
        assertNothingAcceptedIsLost(outcome);

        // The forced stop left the store usable: a new daemon starts on it and forwards a new export.
        backend.answer(200);
        PackagedDaemon again = startDaemon(Map.of());
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", again.port()).usePlaintext().build();
        try {
            LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                    .export(prompt("77777777-0000-4000-8000-000000000001"));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        assertTrue(FakeBackend.await(Duration.ofSeconds(60), () -> accepted("77777777-0000-4000-8000-000000000001")),
                again.err().toString());
        again.process().destroy();
        assertTrue(again.process().waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, again.process().exitValue(), again.err().toString());
        System.out.println("[reliability] daemon log of the forced stop:\n" + daemon.err());
    }

    @Test
    void sigtermWhileTheForwarderIsStuckOnAHangingBackend_exitZero_theOutboxIsKeptAndResent() throws Exception {
        backend.down();
        PackagedDaemon daemon = startDaemon(Map.of("delivery.retry-budget", "500ms", "backend.timeout", "25s"));
        List<String> sessions = new ArrayList<>();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", daemon.port()).usePlaintext().build();
        try {
            for (int i = 0; i < 10; i++) {
                String session = "99999999-0000-4000-8000-" + String.format("%012d", i);
                LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS).export(prompt(session));
                sessions.add(session); // answered OK: kept in the store
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        // Held 20 s, then 503: the POST abandoned by the stopped daemon must not count as delivered.
        backend.answer(new Answer(503, null, Duration.ofSeconds(20))).up();
        assertTrue(FakeBackend.await(Duration.ofSeconds(60), () -> backend.inFlight() >= 1),
                "the forwarder's POST is held by the backend");

        long t0 = System.nanoTime();
        daemon.process().destroy(); // SIGTERM
        assertTrue(daemon.process().waitFor(60, TimeUnit.SECONDS), "exits within a bounded time: " + daemon.err());
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(0, daemon.process().exitValue(), daemon.err().toString());

        backend.answer(200);
        PackagedDaemon again = startDaemon(Map.of());
        boolean all = FakeBackend.await(Duration.ofSeconds(90), () -> sessions.stream().allMatch(this::accepted));
        again.process().destroy();
        assertTrue(again.process().waitFor(60, TimeUnit.SECONDS));
        assertTrue(all, "kept but never delivered: " + sessions.stream().filter(x -> !accepted(x)).toList()
                + "\n" + daemon.err() + "\n" + again.err());
        System.out.printf("[reliability] SIGTERM with the drainer stuck on a hanging backend: exit 0 after %d ms; "
                + "all %d kept exports delivered by the next daemon%n", ms, sessions.size());
    }
}
