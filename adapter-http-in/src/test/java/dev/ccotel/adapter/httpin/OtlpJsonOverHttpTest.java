package dev.ccotel.adapter.httpin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Status;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** What OTLP/JSON does differently from plain proto3 JSON, each checked through the real listener. */
class OtlpJsonOverHttpTest {
    private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
    private static final String SPAN_ID = "eee19b7ec3c1b174";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void hexTraceAndSpanIdsOnLogRecordsDecodeToTheirBytes() {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        String body = """
                {"resourceLogs":[{"scopeLogs":[{"logRecords":[
                  {"timeUnixNano":"1795706894947000000","traceId":"%s","spanId":"%s",
                   "body":{"stringValue":"claude_code.user_prompt"}}]}]}]}""".formatted(TRACE_ID, SPAN_ID);
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest)) {
            assertEquals(200, receiver.send(receiver.post("/v1/logs", "application/json", utf8(body))).statusCode());
        }
        LogRecord record = ingest.logs.get(0).request().getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
        assertEquals(ByteString.copyFrom(HexFormat.of().parseHex(TRACE_ID)), record.getTraceId());
        assertEquals(ByteString.copyFrom(HexFormat.of().parseHex(SPAN_ID)), record.getSpanId());
        assertEquals(16, record.getTraceId().size());
        // What a naive proto3 JSON parse would have made of it: the hex read as base64, 24 wrong bytes.
        assertNotEquals(ByteString.copyFrom(Base64.getDecoder().decode(TRACE_ID)), record.getTraceId());
    }

    @Test
    void spanAndLinkIdsAreHexToo() {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        String body = """
                {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"%s","spanId":"%s","parentSpanId":"%s",
                  "name":"claude_code.tool","kind":3,"links":[{"traceId":"%s","spanId":"%s"}]}]}]}]}"""
                .formatted(TRACE_ID, SPAN_ID, "0102030405060708", TRACE_ID, SPAN_ID);
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest)) {
            assertEquals(200, receiver.send(receiver.post("/v1/traces", "application/json", utf8(body))).statusCode());
        }
        Span span = ingest.traces.get(0).request().getResourceSpans(0).getScopeSpans(0).getSpans(0);
        assertEquals(ByteString.copyFrom(HexFormat.of().parseHex("0102030405060708")), span.getParentSpanId());
        assertEquals(ByteString.copyFrom(HexFormat.of().parseHex(TRACE_ID)), span.getLinks(0).getTraceId());
        assertEquals(Span.SpanKind.SPAN_KIND_CLIENT, span.getKind(), "enum as an integer");
    }

    @Test
    void sixtyFourBitIntegersMayBeStringsOrNumbers_enumsIntegers_unknownFieldsIgnored() {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        String logs = """
                {"resourceLogs":[{"scopeLogs":[{"logRecords":[
                  {"timeUnixNano":"1795706894947000000","severityNumber":9,"futureField":{"x":[1,2]}},
                  {"timeUnixNano":1795706894947000001,"severityNumber":"SEVERITY_NUMBER_WARN"}]}]}],
                 "someNewTopLevelField":true}""";
        String metrics = """
                {"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"claude_code.cost.usage",
                  "sum":{"aggregationTemporality":1,"isMonotonic":true,"dataPoints":[
                    {"asInt":"42","startTimeUnixNano":1795706890000000000,"timeUnixNano":"1795706894947000000"}]}}]}]}]}""";
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest)) {
            assertEquals(200, receiver.send(receiver.post("/v1/logs", "application/json", utf8(logs))).statusCode());
            assertEquals(200, receiver.send(receiver.post("/v1/metrics", "application/json", utf8(metrics))).statusCode());
        }
        var records = ingest.logs.get(0).request().getResourceLogs(0).getScopeLogs(0).getLogRecordsList();
        assertEquals(1_795_706_894_947_000_000L, records.get(0).getTimeUnixNano());
        assertEquals(1_795_706_894_947_000_001L, records.get(1).getTimeUnixNano());
        assertEquals(SeverityNumber.SEVERITY_NUMBER_INFO, records.get(0).getSeverityNumber());
        assertEquals(SeverityNumber.SEVERITY_NUMBER_WARN, records.get(1).getSeverityNumber());
        Metric metric = ingest.metrics.get(0).request().getResourceMetrics(0).getScopeMetrics(0).getMetrics(0);
        assertEquals(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA, metric.getSum().getAggregationTemporality());
        assertEquals(42, metric.getSum().getDataPoints(0).getAsInt());
        assertEquals(1_795_706_890_000_000_000L, metric.getSum().getDataPoints(0).getStartTimeUnixNano());
    }

    @Test
    void anIdThatIsNotHexIs400WithAStatusSayingSo() throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        String body = """
                {"resourceLogs":[{"scopeLogs":[{"logRecords":[{"traceId":"W46/95gDgQPSabYzgT/GDA=="}]}]}]}""";
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest)) {
            HttpResponse<byte[]> answer = receiver.send(receiver.post("/v1/logs", "application/json", utf8(body)));

            assertEquals(400, answer.statusCode());
            Status.Builder status = Status.newBuilder();
            JsonFormat.parser().merge(new String(answer.body(), StandardCharsets.UTF_8), status);
            assertTrue(status.getMessage().contains("traceId must be hex"), status.getMessage());
            assertEquals(0, ingest.calls());
        }
    }
}
