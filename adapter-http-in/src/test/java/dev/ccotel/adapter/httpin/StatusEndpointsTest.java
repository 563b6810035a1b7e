package dev.ccotel.adapter.httpin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccotel.domain.model.SkipReason;
import dev.ccotel.ports.in.DaemonStatus;
import dev.ccotel.ports.in.DaemonStatus.ExportCount;
import dev.ccotel.ports.in.ExportOutcome;
import dev.ccotel.ports.in.TelemetrySignal;
import dev.ccotel.ports.model.DeliveryStatus;
import dev.ccotel.ports.model.OutboxDepth;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusEndpointsTest {
    private static final Instant STARTED = Instant.parse("2026-12-02T06:00:00Z");
    private static final DaemonStatus STATUS = new DaemonStatus("9.9.9", 4242, STARTED, Duration.ofSeconds(90),
            List.of(new DaemonStatus.Listener("otlp/grpc", "127.0.0.1:4317"),
                    new DaemonStatus.Listener("otlp/http", "127.0.0.1:4318")),
            new DeliveryStatus(List.of(new DeliveryStatus.Destination("https://backend.example",
                    Optional.of(STARTED.plusSeconds(10)),
                    Optional.of(new DeliveryStatus.Failure(STARTED.plusSeconds(20), "HTTP 503 from the backend")))),
                    new OutboxDepth(3, 4096, Optional.of(STARTED.plusSeconds(5)), 1)),
            List.of(new ExportCount(TelemetrySignal.LOGS, ExportOutcome.SUCCESS, 5),
                    new ExportCount(TelemetrySignal.METRICS, ExportOutcome.RETRY_LATER, 2)),
            17, Optional.of(STARTED.plusSeconds(30)),
            Map.of(SkipReason.NOT_CLAUDE_CODE, 4L, SkipReason.UNKNOWN_METRIC, 2L));

    @Test
    void healthzIsOkWhileServing() {
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(RunningHttpReceiver.localConfig(),
                ScriptedIngest.accepting(), () -> STATUS)) {
            HttpResponse<String> health = receiver.get("/healthz");
            assertEquals(200, health.statusCode());
            assertEquals("ok\n", health.body());
        }
    }

    @Test
    void statusIsJsonWithEverythingTheDaemonKnows() throws Exception {
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(RunningHttpReceiver.localConfig(),
                ScriptedIngest.accepting(), () -> STATUS)) {
            HttpResponse<String> answer = receiver.get("/status");

            assertEquals(200, answer.statusCode());
            assertEquals("application/json", answer.headers().firstValue("Content-Type").orElseThrow());
            JsonNode json = new ObjectMapper().readTree(answer.body());
            assertEquals("9.9.9", json.get("version").asText());
            assertEquals(4242, json.get("pid").asLong());
            assertEquals(90, json.get("uptimeSeconds").asLong());
            assertEquals("127.0.0.1:4318", json.get("listeners").get(1).get("address").asText());
            JsonNode destination = json.get("destinations").get(0);
            assertEquals("https://backend.example", destination.get("name").asText());
            assertEquals("2026-12-02T06:00:10Z", destination.get("lastSuccess").asText());
            assertEquals("HTTP 503 from the backend", destination.get("lastError").get("message").asText());
            assertEquals(3, json.get("outbox").get("requests").asLong());
            assertEquals(5, json.get("exports").get("logs").get("success").asLong());
            assertEquals(2, json.get("exports").get("metrics").get("retry_later").asLong());
            assertEquals(0, json.get("exports").get("traces").get("success").asLong());
            assertEquals(17, json.get("spansCounted").asLong());
            assertEquals("2026-12-02T06:00:30Z", json.get("lastExportAt").asText());
            assertEquals(4, json.get("skipped").get("not_claude_code").asLong());
            assertEquals(2, json.get("skipped").get("unknown_metric").asLong());
            assertEquals(0, json.get("skipped").get("invalid_value").asLong(), "every reason, zeros included");
        }
    }

    @Test
    void metricsIsPrometheusText() {
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(RunningHttpReceiver.localConfig(),
                ScriptedIngest.accepting(), () -> STATUS)) {
            HttpResponse<String> answer = receiver.get("/metrics");

            assertEquals(200, answer.statusCode());
            assertTrue(answer.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
            String text = answer.body();
            assertTrue(text.contains("# TYPE ccotel_exports_total counter"), text);
            assertTrue(text.contains("ccotel_exports_total{outcome=\"success\",signal=\"logs\"} 5.0"), text);
            assertTrue(text.contains("ccotel_exports_total{outcome=\"retry_later\",signal=\"metrics\"} 2.0"), text);
            assertTrue(text.contains("ccotel_spans_total 17.0"), text);
            assertTrue(text.contains("ccotel_skipped_items_total{reason=\"not_claude_code\"} 4.0"), text);
            assertTrue(text.contains("ccotel_skipped_items_total{reason=\"out_of_range\"} 0.0"), text);
            assertTrue(text.contains("ccotel_outbox_requests 3.0"), text);
            assertTrue(text.contains("ccotel_build_info{version=\"9.9.9\"} 1.0"), text);
            assertTrue(text.contains("ccotel_destination_last_error_time_seconds{destination=\"https://backend.example\"}"),
                    text);
        }
    }
}
