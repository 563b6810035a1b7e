package dev.ccotel.adapter.httpin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.util.JsonFormat;
import dev.ccotel.domain.fixtures.Fixtures;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every captured Claude Code export, as protobuf and as OTLP/JSON, through the real listener. */
class ExportOverHttpTest {
    static final java.util.List<String> SCENARIOS = Fixtures.SCENARIOS;

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @FieldSource("SCENARIOS")
    void protobufExportsReachTheUseCasesUnchanged(String scenario) throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest)) {
            HttpResponse<byte[]> logs = receiver.send(receiver.post("/v1/logs", "application/x-protobuf",
                    Fixtures.bytes(Fixtures.pb(scenario, "0001-logs.pb"))));
            HttpResponse<byte[]> metrics = receiver.send(receiver.post("/v1/metrics", "application/x-protobuf",
                    Fixtures.bytes(Fixtures.pb(scenario, "0002-metrics.pb"))));

            assertEquals(200, logs.statusCode());
            assertEquals("application/x-protobuf", logs.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(ExportLogsServiceResponse.getDefaultInstance(), ExportLogsServiceResponse.parseFrom(logs.body()));
            assertEquals(200, metrics.statusCode());
            assertEquals(ExportMetricsServiceResponse.getDefaultInstance(),
                    ExportMetricsServiceResponse.parseFrom(metrics.body()));
            assertEquals(Fixtures.pbLogs(scenario), ingest.logs.get(0).request());
            assertEquals(Fixtures.pbMetrics(scenario), ingest.metrics.get(0).request());
        }
    }

    @ParameterizedTest
    @FieldSource("SCENARIOS")
    void jsonExportsReachTheUseCasesAsTheSameMessages(String scenario) throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest)) {
            HttpResponse<byte[]> logs = receiver.send(receiver.post("/v1/logs", "application/json",
                    Fixtures.bytes(Fixtures.json(scenario, "0001-logs.json"))));
            HttpResponse<byte[]> metrics = receiver.send(receiver.post("/v1/metrics", "application/json",
                    Fixtures.bytes(Fixtures.json(scenario, "0002-metrics.json"))));

            assertEquals(200, logs.statusCode());
            assertEquals("application/json", logs.headers().firstValue("Content-Type").orElseThrow());
            ExportLogsServiceResponse.Builder answer = ExportLogsServiceResponse.newBuilder();
            JsonFormat.parser().merge(new String(logs.body(), StandardCharsets.UTF_8), answer);
            assertEquals(ExportLogsServiceResponse.getDefaultInstance(), answer.build());
            assertEquals(200, metrics.statusCode());
            // The fixtures hold no trace ids, so the plain proto3 JSON parse of the test fixtures is the reference.
            assertEquals(Fixtures.jsonLogs(scenario), ingest.logs.get(0).request());
            assertEquals(Fixtures.jsonMetrics(scenario), ingest.metrics.get(0).request());
        }
    }

    @Test
    void gzipBodiesAreInflated_protobufAndJson() {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest)) {
            HttpResponse<byte[]> pb = receiver.send(receiver.post("/v1/metrics", "application/x-protobuf",
                    gzip(Fixtures.bytes(Fixtures.pb("bash-tool", "0002-metrics.pb")))).header("Content-Encoding", "gzip"));
            HttpResponse<byte[]> json = receiver.send(receiver.post("/v1/logs", "application/json",
                    gzip(Fixtures.bytes(Fixtures.json("bash-tool", "0001-logs.json")))).header("Content-Encoding", "gzip"));

            assertEquals(200, pb.statusCode());
            assertEquals(200, json.statusCode());
            assertEquals(Fixtures.pbMetrics("bash-tool"), ingest.metrics.get(0).request());
            assertEquals(Fixtures.jsonLogs("bash-tool"), ingest.logs.get(0).request());
        }
    }

    @Test
    void identityEncodingIsTheSameAsNone() {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest)) {
            HttpResponse<byte[]> answer = receiver.send(receiver.post("/v1/metrics", "application/x-protobuf",
                    Fixtures.bytes(Fixtures.pb("write-file", "0002-metrics.pb"))).header("Content-Encoding", "identity"));

            assertEquals(200, answer.statusCode());
            assertEquals(Fixtures.pbMetrics("write-file"), ingest.metrics.get(0).request());
        }
    }

    @Test
    void chunkedBodiesAreAccepted_plainAndGzip() {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest)) {
            HttpResponse<byte[]> plain = receiver.send(receiver.postChunked("/v1/logs", "application/json",
                    Fixtures.bytes(Fixtures.json("write-file", "0001-logs.json"))));
            HttpResponse<byte[]> zipped = receiver.send(receiver.postChunked("/v1/metrics", "application/x-protobuf",
                    gzip(Fixtures.bytes(Fixtures.pb("write-file", "0002-metrics.pb")))).header("Content-Encoding", "gzip"));

            assertEquals(200, plain.statusCode());
            assertEquals(200, zipped.statusCode());
            assertEquals(Fixtures.jsonLogs("write-file"), ingest.logs.get(0).request());
            assertEquals(Fixtures.pbMetrics("write-file"), ingest.metrics.get(0).request());
        }
    }

    @Test
    void tracesAreTakenByTheTracesUseCase() throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        ExportTraceServiceRequest traces = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
                        .addSpans(Span.newBuilder().setName("claude_code.interaction"))
                        .addSpans(Span.newBuilder().setName("claude_code.llm_request"))))
                .build();
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest)) {
            HttpResponse<byte[]> answer = receiver.send(receiver.post("/v1/traces", "application/x-protobuf",
                    traces.toByteArray()));

            assertEquals(200, answer.statusCode());
            assertEquals(2, ingest.traces.get(0).spans());
        }
    }

    @Test
    void anEmptyExportIsAnsweredWithoutTheUseCase() {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest)) {
            HttpResponse<byte[]> pb = receiver.send(receiver.post("/v1/metrics", "application/x-protobuf", new byte[0]));
            HttpResponse<byte[]> json = receiver.send(receiver.post("/v1/logs", "application/json",
                    "{}".getBytes(StandardCharsets.UTF_8)));

            assertEquals(200, pb.statusCode());
            assertArrayEquals(new byte[0], pb.body());
            assertEquals(200, json.statusCode());
            assertEquals("{}", new String(json.body(), StandardCharsets.UTF_8));
            assertEquals(0, ingest.calls());
        }
    }
}
