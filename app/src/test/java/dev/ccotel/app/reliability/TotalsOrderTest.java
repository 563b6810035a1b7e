package dev.ccotel.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccotel.app.FakeBackend;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * At exit Claude Code flushes its logs and its metrics at the same moment; both exports carry the
 * session's running totals, and the request with the newer totals must never reach the backend
 * before the one with the older totals. 1,000 rounds, each a new session whose two exports are
 * released together: the last request the backend gets for it always carries the final totals.
 */
class TotalsOrderTest {
    private static final int ROUNDS = 1_000;

    @TempDir
    Path home;

    @RegisterExtension
    final DaemonFixture fixture = new DaemonFixture(() -> home);
    private final FakeBackend backend = fixture.backend;
    private DaemonHarness daemon;

    @Test
    void logsAndMetricsOfOneSessionAtTheSameMoment_theLastRequestCarriesTheFinalTotals() throws Exception {
        daemon = fixture.start(Map.of("delivery.mode", "store",
                "store.path", home.resolve("ccotel.db").toString()));
        ClaudeCodeShapes shapes = new ClaudeCodeShapes();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int stale = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String session = String.format("0d0e0f00-0000-4000-8000-%012d", round);
                ExportLogsServiceRequest logs = shapes.turn(session, 0.25);
                ExportMetricsServiceRequest metrics = shapes.usage(session, 0.25, 100, 20);
                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<?> a = CompletableFuture.runAsync(() -> {
                    await(together);
                    daemon.export(logs);
                }, pool);
                CompletableFuture<?> b = CompletableFuture.runAsync(() -> {
                    await(together);
                    daemon.export(metrics);
                }, pool);
                CompletableFuture.allOf(a, b).join();
            }
            assertTrue(FakeBackend.await(Duration.ofSeconds(60), () -> backend.accepted().size() >= 2 * ROUNDS),
                    "received " + backend.accepted().size());
            Map<String, List<JsonNode>> bySession = new java.util.LinkedHashMap<>();
            for (FakeBackend.Received r : backend.accepted()) {
                JsonNode s = r.json().get("session");
                bySession.computeIfAbsent(s.get("sessionId").asText(), k -> new java.util.ArrayList<>()).add(s);
            }
            assertEquals(ROUNDS, bySession.size());
            for (List<JsonNode> requests : bySession.values()) {
                JsonNode last = requests.get(requests.size() - 1);
                boolean finalTotals = last.path("totalPrompts").asInt() == 1 && last.path("totalApiRequests").asInt() == 1
                        && Math.abs(last.path("totalCostUsd").asDouble() - 0.25) < 1e-12
                        && last.path("totalInputTokens").asLong() == 100;
                if (!finalTotals) {
                    stale++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, stale, "sessions whose last request carried older totals");
        System.out.printf("[reliability] %d rounds of logs+metrics released together: the last request of every"
                + " session carried its final totals%n", ROUNDS);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
