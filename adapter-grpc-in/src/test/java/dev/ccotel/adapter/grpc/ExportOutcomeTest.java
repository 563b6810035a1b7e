package dev.ccotel.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.ports.in.IngestLogsUseCase;
import dev.ccotel.ports.in.IngestMetricsUseCase;
import dev.ccotel.ports.in.IngestResult;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The outcome -> OTLP answer table, pinned for both signals over a real channel. */
class ExportOutcomeTest {

    /** One row: what the core answered and what the exporter must see. */
    record Row(String name, IngestResult outcome, Status.Code code, long rejected, String message,
            Optional<Duration> retryDelay) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> outcomes() {
        return Stream.of(
                new Row("backendTookEverything_clientGetsPlainSuccess", new IngestResult.Success(),
                        Status.Code.OK, 0, "", Optional.empty()),
                new Row("backendRefusedData_clientGetsPartialSuccess",
                        new IngestResult.PartialSuccess(3, "backend refused the data: 400 bad session"),
                        Status.Code.OK, 3, "backend refused the data: 400 bad session", Optional.empty()),
                new Row("backendUnreachable_clientIsToldToRetry",
                        new IngestResult.RetryLater("backend unreachable", Optional.empty()),
                        Status.Code.UNAVAILABLE, 0, "backend unreachable", Optional.empty()),
                new Row("backendSaidRetryAfter_clientGetsRetryDelay",
                        new IngestResult.RetryLater("backend answered 429", Optional.of(Duration.ofMillis(7_500))),
                        Status.Code.UNAVAILABLE, 0, "backend answered 429", Optional.of(Duration.ofMillis(7_500))));
    }

    @ParameterizedTest(name = "metrics: {0}")
    @MethodSource("outcomes")
    void metricsOutcome_becomesOtlpAnswer(Row row) throws Exception {
        ScriptedIngest ingest = ScriptedIngest.answering(row.outcome());
        try (RunningReceiver receiver = RunningReceiver.start(ingest)) {
            ExportMetricsServiceRequest request = Fixtures.pbMetrics("write-file");
            if (row.code() == Status.Code.OK) {
                ExportMetricsServiceResponse response = receiver.metrics().export(request);
                assertEquals(row.rejected() > 0, response.hasPartialSuccess());
                assertEquals(row.rejected(), response.getPartialSuccess().getRejectedDataPoints());
                assertEquals(row.message(), response.getPartialSuccess().getErrorMessage());
            } else {
                assertFailure(row, assertThrows(StatusRuntimeException.class, () -> receiver.metrics().export(request)));
            }
            assertEquals(1, ingest.metrics().size());
        }
    }

    @ParameterizedTest(name = "logs: {0}")
    @MethodSource("outcomes")
    void logsOutcome_becomesOtlpAnswer(Row row) throws Exception {
        ScriptedIngest ingest = ScriptedIngest.answering(row.outcome());
        try (RunningReceiver receiver = RunningReceiver.start(ingest)) {
            ExportLogsServiceRequest request = Fixtures.pbLogs("write-file");
            if (row.code() == Status.Code.OK) {
                ExportLogsServiceResponse response = receiver.logs().export(request);
                assertEquals(row.rejected() > 0, response.hasPartialSuccess());
                assertEquals(row.rejected(), response.getPartialSuccess().getRejectedLogRecords());
                assertEquals(row.message(), response.getPartialSuccess().getErrorMessage());
            } else {
                assertFailure(row, assertThrows(StatusRuntimeException.class, () -> receiver.logs().export(request)));
            }
            assertEquals(1, ingest.logs().size());
        }
    }

    @Test
    void emptyExports_areAcceptedWithoutCallingTheCore() throws Exception {
        ScriptedIngest ingest = ScriptedIngest.answering(new IngestResult.RetryLater("must not be asked", Optional.empty()));
        try (RunningReceiver receiver = RunningReceiver.start(ingest)) {
            assertEquals(ExportMetricsServiceResponse.getDefaultInstance(),
                    receiver.metrics().export(ExportMetricsServiceRequest.getDefaultInstance()));
            assertEquals(ExportLogsServiceResponse.getDefaultInstance(),
                    receiver.logs().export(ExportLogsServiceRequest.getDefaultInstance()));
            receiver.traces().export(ExportTraceServiceRequest.getDefaultInstance());

            assertTrue(ingest.metrics().isEmpty());
            assertTrue(ingest.logs().isEmpty());
        }
    }

    @Test
    void coreThrows_clientGetsInternal_andReceiverKeepsServing() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        IngestLogsUseCase flaky = command -> {
            if (calls.getAndIncrement() == 0) {
                throw new IllegalArgumentException("bug in the mapping");
            }
            return new IngestResult.Success();
        };
        IngestMetricsUseCase metrics = command -> {
            throw new IllegalStateException("bug in the ledger");
        };
        try (RunningReceiver receiver = RunningReceiver.start(RunningReceiver.localConfig(), metrics, flaky)) {
            ExportLogsServiceRequest request = Fixtures.pbLogs("text-reply");

            StatusRuntimeException logsFailure = assertThrows(StatusRuntimeException.class,
                    () -> receiver.logs().export(request));
            StatusRuntimeException metricsFailure = assertThrows(StatusRuntimeException.class,
                    () -> receiver.metrics().export(Fixtures.pbMetrics("text-reply")));

            assertEquals(Status.Code.INTERNAL, logsFailure.getStatus().getCode());
            assertEquals(Status.Code.INTERNAL, metricsFailure.getStatus().getCode());
            assertFalse(logsFailure.getStatus().getDescription().contains("bug"), "internals stay in the log");
            assertEquals(ExportLogsServiceResponse.getDefaultInstance(), receiver.logs().export(request));
        }
    }

    private static void assertFailure(Row row, StatusRuntimeException failure) throws InvalidProtocolBufferException {
        assertEquals(row.code(), failure.getStatus().getCode());
        assertEquals(row.message(), failure.getStatus().getDescription());
        com.google.rpc.Status details = StatusProto.fromThrowable(failure);
        Optional<Any> retryInfo = details == null ? Optional.empty()
                : details.getDetailsList().stream().filter(any -> any.is(RetryInfo.class)).findFirst();
        if (row.retryDelay().isEmpty()) {
            assertNull(retryInfo.orElse(null), "no RetryInfo without a delay");
            return;
        }
        com.google.protobuf.Duration delay = retryInfo.orElseThrow().unpack(RetryInfo.class).getRetryDelay();
        assertEquals(row.retryDelay().get(), Duration.ofSeconds(delay.getSeconds(), delay.getNanos()));
    }
}
