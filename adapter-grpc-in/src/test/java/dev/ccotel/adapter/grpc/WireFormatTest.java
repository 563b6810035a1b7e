package dev.ccotel.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.ccotel.domain.fixtures.Fixtures;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** What arrives on the wire: real Claude Code bytes, gzip, spans, garbage and oversized bodies. */
class WireFormatTest {
    static final java.util.List<String> SCENARIOS = Fixtures.SCENARIOS;

    @ParameterizedTest(name = "{0}")
    @FieldSource("SCENARIOS")
    void claudeCodeLogsBytes_reachTheCoreUnchanged(String scenario) throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningReceiver receiver = RunningReceiver.start(ingest)) {
            byte[] answer = receiver.sendRaw(LogsServiceGrpc.getExportMethod(),
                    Fixtures.bytes(Fixtures.pb(scenario, "0001-logs.pb")));

            assertEquals(ExportLogsServiceResponse.getDefaultInstance(), ExportLogsServiceResponse.parseFrom(answer));
            assertEquals(1, ingest.logs().size());
            assertEquals(Fixtures.pbLogs(scenario), ingest.logs().getFirst().request());
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SCENARIOS")
    void claudeCodeMetricsBytes_reachTheCoreUnchanged(String scenario) throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningReceiver receiver = RunningReceiver.start(ingest)) {
            byte[] answer = receiver.sendRaw(MetricsServiceGrpc.getExportMethod(),
                    Fixtures.bytes(Fixtures.pb(scenario, "0002-metrics.pb")));

            assertEquals(ExportMetricsServiceResponse.getDefaultInstance(),
                    ExportMetricsServiceResponse.parseFrom(answer));
            assertEquals(1, ingest.metrics().size());
            assertEquals(Fixtures.pbMetrics(scenario), ingest.metrics().getFirst().request());
        }
    }

    @Test
    void gzipCompressedExport_isAccepted() throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningReceiver receiver = RunningReceiver.start(ingest)) {
            ExportLogsServiceRequest request = Fixtures.pbLogs("bash-tool");

            receiver.logs().withCompression("gzip").export(request);
            receiver.metrics().withCompression("gzip").export(Fixtures.pbMetrics("bash-tool"));

            assertEquals(request, ingest.logs().getFirst().request());
            assertEquals(Fixtures.pbMetrics("bash-tool"), ingest.metrics().getFirst().request());
        }
    }

    @Test
    void spans_goToTheTracesUseCase_notToLogsOrMetrics() throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningReceiver receiver = RunningReceiver.start(ingest)) {
            ExportTraceServiceResponse response = receiver.traces().export(ExportTraceServiceRequest.newBuilder()
                    .addResourceSpans(resourceSpans(2))
                    .addResourceSpans(resourceSpans(1))
                    .build());

            assertEquals(ExportTraceServiceResponse.getDefaultInstance(), response);
            assertEquals(3, ingest.traces().getFirst().spans());
            assertTrue(ingest.logs().isEmpty() && ingest.metrics().isEmpty());
        }
    }

    @Test
    void garbageBytes_getAnErrorStatus_andReceiverKeepsServing() throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningReceiver receiver = RunningReceiver.start(ingest)) {
            byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                    (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01};

            StatusRuntimeException failure = assertThrows(StatusRuntimeException.class,
                    () -> receiver.sendRaw(LogsServiceGrpc.getExportMethod(), garbage));

            // Not grpc-java's default (UNKNOWN "Application error"): an OTLP exporter must not retry this.
            assertEquals(Status.Code.INVALID_ARGUMENT, failure.getStatus().getCode(), failure::toString);
            assertTrue(failure.getStatus().getDescription().contains("malformed varint"), failure::toString);
            assertTrue(ingest.logs().isEmpty());
            receiver.logs().export(Fixtures.pbLogs("write-file"));
            assertEquals(1, ingest.logs().size());
        }
    }

    @Test
    void oversizedExport_getsResourceExhausted_andReceiverKeepsServing() throws Exception {
        int limit = 16 * 1024;
        GrpcReceiverConfig config = new GrpcReceiverConfig("127.0.0.1", 0, limit, 4, Duration.ofSeconds(10));
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningReceiver receiver = RunningReceiver.start(config, ingest)) {
            ExportLogsServiceRequest huge = logWithBody("x".repeat(2 * limit));

            StatusRuntimeException failure = assertThrows(StatusRuntimeException.class,
                    () -> receiver.logs().export(huge));

            assertEquals(Status.Code.RESOURCE_EXHAUSTED, failure.getStatus().getCode(), failure::toString);
            assertTrue(ingest.logs().isEmpty());
            receiver.logs().export(Fixtures.pbLogs("write-file"));
            assertEquals(1, ingest.logs().size());
        }
    }

    private static ResourceSpans resourceSpans(int spans) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = 0; i < spans; i++) {
            scope.addSpans(Span.newBuilder().setName("span-" + i).setTraceId(ByteString.copyFrom(new byte[16])));
        }
        return ResourceSpans.newBuilder().addScopeSpans(scope).build();
    }

    private static ExportLogsServiceRequest logWithBody(String body) {
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                        .addLogRecords(LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue(body)))))
                .build();
    }
}
