package dev.ccotel.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccotel.app.FakeBackend;
import dev.ccotel.domain.fixtures.Fixtures;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * /healthz, /status and /metrics of the real daemon, with exports over both protocols and a backend
 * that goes away and comes back: the last error shows, and clears once the backend takes data again.
 */
class AskTheDaemonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path home;
    @RegisterExtension
    final DaemonFixture fixture = new DaemonFixture(() -> home);
    private final FakeBackend backend = fixture.backend;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private DaemonHarness daemon;

    @AfterEach
    void closeClient() {
        client.close();
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).GET());
    }

    private HttpResponse<String> postLogs(String scenario) {
        return send(HttpRequest.newBuilder(uri("/v1/logs")).timeout(TIMEOUT)
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Fixtures.bytes(Fixtures.pb(scenario, "0001-logs.pb")))));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + daemon.httpPort() + path);
    }

    private JsonNode status() {
        HttpResponse<String> answer = get("/status");
        assertEquals(200, answer.statusCode());
        assertFalse(answer.body().contains(DaemonHarness.TOKEN.substring(0, 12)), "the token must never show");
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ExportTraceServiceRequest spans(int n) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = 0; i < n; i++) {
            scope.addSpans(Span.newBuilder().setName("claude_code.llm_request"));
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope))
                .build();
    }

    @Test
    void statusAndMetricsTellWhatCameInOverBothProtocols_andAnOutageShowsThenClears() {
        daemon = fixture.start(Map.of());

        assertEquals(200, get("/healthz").statusCode());
        assertEquals("ok\n", get("/healthz").body());
        assertEquals(200, postLogs("bash-tool").statusCode());
        daemon.export(Fixtures.pbMetrics("bash-tool"));
        TraceServiceGrpc.newBlockingStub(daemon.channel).withDeadlineAfter(30, TimeUnit.SECONDS).export(spans(3));
        assertEquals(200, send(HttpRequest.newBuilder(uri("/v1/traces")).timeout(TIMEOUT)
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(spans(2).toByteArray()))).statusCode());

        JsonNode healthy = status();
        assertEquals(dev.ccotel.app.runtime.Version.VALUE, healthy.get("version").asText());
        assertEquals(ProcessHandle.current().pid(), healthy.get("pid").asLong());
        assertEquals("otlp/grpc", healthy.get("listeners").get(0).get("protocol").asText());
        assertEquals("127.0.0.1:" + daemon.port(), healthy.get("listeners").get(0).get("address").asText());
        assertEquals("127.0.0.1:" + daemon.httpPort(), healthy.get("listeners").get(1).get("address").asText());
        assertEquals(1, healthy.get("exports").get("logs").get("success").asLong());
        assertEquals(1, healthy.get("exports").get("metrics").get("success").asLong());
        assertEquals(2, healthy.get("exports").get("traces").get("success").asLong());
        assertEquals(5, healthy.get("spansCounted").asLong());
        assertFalse(healthy.get("lastExportAt").isNull());
        JsonNode destination = healthy.get("destinations").get(0);
        assertTrue(destination.get("name").asText().startsWith(backend.url()), destination.toString());
        assertFalse(destination.get("lastSuccess").isNull(), destination.toString());
        assertTrue(destination.get("lastError").isNull(), destination.toString());

        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("ccotel_exports_total{outcome=\"success\",signal=\"logs\"} 1.0"), metrics);
        assertTrue(metrics.contains("ccotel_spans_total 5.0"), metrics);
        assertFalse(metrics.contains(DaemonHarness.TOKEN.substring(0, 12)));

        backend.down();
        HttpResponse<String> refused = postLogs("text-reply"); // passthrough: the exporter is told to retry
        assertEquals(503, refused.statusCode());
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        JsonNode outage = status();
        assertEquals(1, outage.get("exports").get("logs").get("retry_later").asLong());
        assertFalse(outage.get("destinations").get(0).get("lastError").isNull(), outage.toString());
        assertTrue(get("/metrics").body().contains("ccotel_destination_last_error_time_seconds"));

        backend.up();
        assertEquals(200, postLogs("text-reply").statusCode());
        JsonNode recovered = status();
        assertTrue(recovered.get("destinations").get(0).get("lastError").isNull(), recovered.toString());
        assertEquals(2, recovered.get("exports").get("logs").get("success").asLong());
    }

    @Test
    void withTheStore_anOutageIsTheBackendsError_theOutboxShowsWhatWaits_andEmptiesOnceItIsBack() {
        daemon = fixture.start(Map.of("delivery.mode", "store",
                "store.path", home.resolve("ccotel.db").toString()));
        backend.down();

        assertEquals(200, postLogs("write-file").statusCode(), "kept in the store: the exporter is told OK");
        assertTrue(FakeBackend.await(TIMEOUT, () -> !status().get("destinations").get(1).get("lastError").isNull()),
                "the forwarder's failed POST is the backend's last error");
        JsonNode outage = status();
        JsonNode store = outage.get("destinations").get(0);
        assertTrue(store.get("name").asText().startsWith("local store"), outage.toString());
        assertFalse(store.get("lastSuccess").isNull(), "the store took it: " + outage);
        assertTrue(outage.get("destinations").get(1).get("name").asText().startsWith(backend.url()), outage.toString());
        assertEquals(1, outage.get("outbox").get("requests").asLong(), outage.toString());
        assertFalse(outage.get("outbox").get("oldest").isNull(), outage.toString());
        assertTrue(get("/metrics").body().contains("ccotel_outbox_requests 1.0"));

        backend.up();
        assertTrue(FakeBackend.await(Duration.ofSeconds(90), () -> status().get("outbox").get("requests").asLong() == 0),
                "the forwarder empties the outbox once the backend is back");
        assertTrue(status().get("destinations").get(1).get("lastError").isNull(), status().toString());
    }
}
