package dev.ccotel.app;

import dev.ccotel.app.compose.DaemonComposition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.app.config.Settings;
import dev.ccotel.app.runtime.Daemon;
import dev.ccotel.app.runtime.Version;
import dev.ccotel.domain.fixtures.Captures2_1_332;
import dev.ccotel.domain.fixtures.Otlp;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real daemon and two gRPC channels, as two Claude Code processes with
 * {@code OTEL_METRICS_INCLUDE_SESSION_ID=false} would connect: their session-less exports (the real
 * captures) must stay two sessions, and what is skipped shows on {@code /status} and {@code /metrics}.
 */
class SessionlessDaemonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private final FakeBackend backend = new FakeBackend();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private Daemon daemon;

    @AfterEach
    void stop() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (daemon != null) {
            daemon.close();
        }
        backend.close();
    }

    private void startDaemon() {
        Map<String, String> flags = Map.of("receiver.port", "0", "receiver.http.port", "0",
                "backend.url", backend.url(), "backend.timeout", "2s", "delivery.retry-budget", "1500ms",
                "delivery.mode", "passthrough");
        Settings settings = Settings.load(java.util.Optional.empty(), Map.of("HOME", home.toString(),
                "CCOTEL_BACKEND_TOKEN", DaemonEndToEndTest.TOKEN), flags);
        DaemonConfig config = DaemonConfig.from(settings, Map.of("HOME", home.toString()), Version.VALUE, "test-host",
                false);
        daemon = DaemonComposition.start(config, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream()));
    }

    private ManagedChannel connect() {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", daemon.port()).usePlaintext().build();
        channels.add(channel);
        return channel;
    }

    @Test
    void twoChannelsSendingSessionlessExports_getTwoSessions() throws Exception {
        startDaemon();
        ManagedChannel a = connect();
        ManagedChannel b = connect();

        logs(a, "no-session/process-a");
        logs(b, "no-session/process-b");
        metrics(a, "no-session/process-a");
        metrics(b, "no-session/process-b");

        Map<String, JsonNode> lastSession = new LinkedHashMap<>();
        for (FakeBackend.Received got : backend.received()) {
            JsonNode session = JSON.readTree(got.body()).get("session");
            lastSession.put(session.get("sessionId").asText(), session);
        }
        assertEquals(2, lastSession.size(), lastSession::toString);
        List<String> ids = List.copyOf(lastSession.keySet());
        assertNotEquals(ids.get(0), ids.get(1));
        for (JsonNode session : lastSession.values()) {
            assertTrue(session.get("sessionId").asText().startsWith("nosession-"), session::toString);
            assertTrue(session.get("sessionIdSynthetic").asBoolean(), session::toString);
        }
        assertEquals(0.010365, lastSession.get(ids.get(0)).get("totalCostUsd").asDouble(), 1e-9);
        assertEquals(0.0051825, lastSession.get(ids.get(1)).get("totalCostUsd").asDouble(), 1e-9);
    }

    @Test
    void whatWasSkipped_isOnStatusAndMetrics() throws Exception {
        startDaemon();
        LogsServiceGrpc.newBlockingStub(connect()).withDeadlineAfter(30, TimeUnit.SECONDS)
                .export(Otlp.logs(Otlp.resource("not-claude"), List.of(
                        Otlp.event(1_795_706_896_000_000_000L, Otlp.attrs("event.name", "x")),
                        Otlp.event(1_795_706_896_000_000_000L, Otlp.attrs("event.name", "y")))));

        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + daemon.httpPort().orElseThrow();
        JsonNode status = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertEquals(2, status.at("/skipped/not_claude_code").asLong(), status::toPrettyString);
        assertEquals(0, status.at("/skipped/unknown_metric").asLong());
        assertTrue(metrics.contains("ccotel_skipped_items_total{reason=\"not_claude_code\"} 2.0"), metrics);
    }

    private static void logs(ManagedChannel channel, String scenario) {
        LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .export(Captures2_1_332.logs(scenario));
    }

    private static void metrics(ManagedChannel channel, String scenario) {
        MetricsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .export(Captures2_1_332.metrics(scenario));
    }
}
