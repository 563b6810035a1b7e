package dev.ccotel.app;

import dev.ccotel.app.compose.DaemonComposition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.app.runtime.Daemon;
import dev.ccotel.app.runtime.Version;
import dev.ccotel.app.config.Settings;
import dev.ccotel.domain.fixtures.Fixtures;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real daemon on a free loopback port, a real gRPC client replaying the captured Claude Code
 * exports, and a real HTTP server standing in for the backend.
 */
class DaemonEndToEndTest {
    static final String TOKEN = "cc-test-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private final FakeBackend backend = new FakeBackend();
    private Daemon daemon;
    private ManagedChannel channel;

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (daemon != null) {
            daemon.close();
        }
        backend.close();
    }

    private void startDaemon(Map<String, String> extra) {
        Map<String, String> flags = new HashMap<>(Map.of(
                "receiver.port", "0",
                "receiver.http.port", "0",
                "backend.url", backend.url(),
                "backend.timeout", "2s",
                "delivery.retry-budget", "1500ms",
                "delivery.mode", "passthrough"));
        flags.putAll(extra);
        Settings settings = Settings.load(java.util.Optional.empty(), Map.of("HOME", home.toString(),
                "CCOTEL_BACKEND_TOKEN", TOKEN), flags);
        DaemonConfig config = DaemonConfig.from(settings, Map.of("HOME", home.toString()), Version.VALUE, "test-host", false);
        daemon = DaemonComposition.start(config, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream()));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", daemon.port()).usePlaintext().build();
    }

    private ExportLogsServiceResponse exportLogs(String scenario) {
        return LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .export(Fixtures.pbLogs(scenario));
    }

    private ExportMetricsServiceResponse exportMetrics(String scenario) {
        return MetricsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .export(Fixtures.pbMetrics(scenario));
    }

    @Test
    void fixtureExports_reachTheBackendAsOneJsonRequestEach_withHeadersAndTotals() throws Exception {
        startDaemon(Map.of());

        exportLogs("write-file");
        exportMetrics("write-file");

        List<FakeBackend.Received> got = backend.received();
        assertEquals(2, got.size());
        FakeBackend.Received logs = got.get(0);
        assertEquals("/api/v1/cc/otel", logs.path());
        assertEquals(List.of("CLI " + TOKEN), logs.headers().get("Authorization"));
        assertEquals(List.of("ccotel/" + Version.VALUE), logs.headers().get("User-agent"));
        assertTrue(logs.headers().get("Content-type").get(0).startsWith("application/json"));

        JsonNode logBody = JSON.readTree(logs.body());
        String sessionId = logBody.at("/session/sessionId").asText();
        assertEquals(36, sessionId.length());
        assertEquals("test-host", logBody.get("host").asText());
        assertEquals("unknown", logBody.get("project").asText());
        assertEquals(11, logBody.get("events").size());
        assertEquals("tool_decision", logBody.at("/events/7/eventType").asText());
        assertEquals("Write", logBody.at("/events/7/toolName").asText());
        assertEquals(1, logBody.at("/session/totalPrompts").asInt());
        assertEquals(1, logBody.at("/session/totalToolCalls").asInt());
        assertEquals(2, logBody.at("/session/totalApiRequests").asInt());

        JsonNode metricBody = JSON.readTree(got.get(1).body());
        assertEquals(sessionId, metricBody.at("/session/sessionId").asText());
        assertEquals(logBody.at("/session/startedAt").asLong(), metricBody.at("/session/startedAt").asLong());
        assertEquals(0.010365, metricBody.at("/session/totalCostUsd").asDouble(), 1e-9);
        assertEquals(2400, metricBody.at("/session/totalInputTokens").asLong());
        assertEquals(174, metricBody.at("/session/totalOutputTokens").asLong());
        assertEquals(600, metricBody.at("/session/totalCacheReadTokens").asLong());
        assertEquals(100, metricBody.at("/session/totalCacheCreationTokens").asLong());
        assertEquals(3, metricBody.at("/session/linesAdded").asLong());
        assertEquals(1, metricBody.at("/session/totalPrompts").asInt(), "event totals carried on metric requests too");
        assertTrue(metricBody.get("metrics").size() >= 9);
        assertTrue(!logs.body().contains("print('hello')"), "tool input stays private by default");
    }

    @Test
    void backendAnswers503Once_thenTheExportSucceeds_andTheBackendAcceptedItOnce() {
        backend.answer(200, 503);
        startDaemon(Map.of());

        exportLogs("text-reply");

        assertEquals(2, backend.received().size());
        assertEquals(1, backend.accepted().size());
    }

    @Test
    void backendAnswers503BeyondTheBudget_withoutSpool_clientIsToldUnavailable() {
        backend.answer(503);
        startDaemon(Map.of());

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> exportLogs("text-reply"));

        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertTrue(backend.received().size() >= 2, "it was retried before giving up");
    }

    @Test
    void backendRefusesTheData_clientGetsPartialSuccess() {
        backend.answer(400);
        startDaemon(Map.of());

        ExportLogsServiceResponse response = exportLogs("api-error");

        assertEquals(8, response.getPartialSuccess().getRejectedLogRecords());
        assertTrue(response.getPartialSuccess().getErrorMessage().contains("400"));
        assertEquals(1, backend.received().size(), "refused data is not retried");
    }

    @Test
    void backendDown_withoutSpool_clientIsToldUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        startDaemon(Map.of("backend.url", "http://127.0.0.1:" + closedPort));

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> exportMetrics("bash-tool"));

        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    }

    @Test
    void backendDown_withSpool_clientGetsSuccess_andTheDataArrivesWhenItIsBack(@TempDir Path spool) throws Exception {
        backend.answer(503);
        startDaemon(Map.of("delivery.mode", "store", "store.path", spool.resolve("ccotel.db").toString(),
                "delivery.retry-budget", "200ms"));

        exportLogs("bash-tool"); // no exception: spooled, and the client is told success
        assertTrue(backend.accepted().isEmpty());
        backend.answer(200);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (backend.accepted().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(1, backend.accepted().size(), "the spooled request was delivered once the backend answered 200");
        assertTrue(backend.accepted().get(0).body().contains("\"eventType\":\"tool_result\""));
    }

    @Test
    void receiverPortAlreadyInUse_startFailsWithAClearMessage() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> startDaemon(Map.of("receiver.port", Integer.toString(busy.getLocalPort()))));
            assertTrue(e.getMessage().contains(Integer.toString(busy.getLocalPort())), e.getMessage());
            daemon = null;
        }
    }
}
