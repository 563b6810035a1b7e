package dev.ccotel.ports.service.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ccotel.ports.in.DaemonStatus;
import dev.ccotel.ports.in.ExportOutcome;
import dev.ccotel.ports.in.IngestLogsCommand;
import dev.ccotel.ports.in.IngestMetricsCommand;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.in.IngestTracesCommand;
import dev.ccotel.ports.in.TelemetrySignal;
import dev.ccotel.ports.model.DeliveryStatus;
import dev.ccotel.ports.model.OutboxDepth;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusReportTest {
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final DeliveryStatus NOWHERE = new DeliveryStatus(List.of(), OutboxDepth.EMPTY);

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = START;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static ExportTraceServiceRequest traces(int... spansPerScope) {
        ResourceSpans.Builder resource = ResourceSpans.newBuilder();
        for (int n : spansPerScope) {
            ScopeSpans.Builder scope = ScopeSpans.newBuilder();
            for (int i = 0; i < n; i++) {
                scope.addSpans(Span.newBuilder().setName("span-" + i));
            }
            resource.addScopeSpans(scope);
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(resource).build();
    }

    @Test
    void tracesAreAcceptedAndTheirSpansCounted() {
        ExportCounters counters = new ExportCounters(Clock.systemUTC());
        CountTracesService traces = new CountTracesService(counters);

        assertEquals(new IngestResult.Success(), traces.ingest(new IngestTracesCommand(traces(2, 3))));
        traces.ingest(new IngestTracesCommand(traces(1)));

        assertEquals(6, counters.spans());
    }

    @Test
    void decoratorsCountEachExportBySignalAndOutcome_andTheReportSaysSo() {
        ManualClock clock = new ManualClock();
        ExportCounters counters = new ExportCounters(clock);
        var logs = new CountingIngestLogs(command -> new IngestResult.Success(), counters);
        var metrics = new CountingIngestMetrics(
                command -> new IngestResult.RetryLater("backend down", Optional.empty()), counters);
        var traces = new CountingIngestTraces(new CountTracesService(counters), counters);
        ReportStatusService report = new ReportStatusService("1.2.3", 42,
                () -> List.of(new DaemonStatus.Listener("otlp/http", "127.0.0.1:4318")), counters, () -> NOWHERE, clock);

        clock.now = START.plusSeconds(5);
        logs.ingest(new IngestLogsCommand(ExportLogsServiceRequest.getDefaultInstance()));
        logs.ingest(new IngestLogsCommand(ExportLogsServiceRequest.getDefaultInstance()));
        metrics.ingest(new IngestMetricsCommand(ExportMetricsServiceRequest.getDefaultInstance()));
        clock.now = START.plusSeconds(7);
        traces.ingest(new IngestTracesCommand(traces(4)));
        clock.now = START.plusSeconds(9);

        DaemonStatus status = report.status();
        assertEquals(2, status.exports(TelemetrySignal.LOGS, ExportOutcome.SUCCESS));
        assertEquals(1, status.exports(TelemetrySignal.METRICS, ExportOutcome.RETRY_LATER));
        assertEquals(1, status.exports(TelemetrySignal.TRACES, ExportOutcome.SUCCESS));
        assertEquals(0, status.exports(TelemetrySignal.LOGS, ExportOutcome.FAILED));
        assertEquals(TelemetrySignal.values().length * ExportOutcome.values().length, status.exports().size(),
                "every series is reported, zeros included");
        assertEquals(4, status.spansCounted());
        assertEquals(Optional.of(START.plusSeconds(7)), status.lastExportAt());
        assertEquals(START, status.startedAt());
        assertEquals(Duration.ofSeconds(9), status.uptime());
        assertEquals("1.2.3", status.version());
        assertEquals(42, status.pid());
        assertEquals("127.0.0.1:4318", status.listeners().get(0).address());
    }

    @Test
    void aUseCaseThatThrowsIsCountedAsFailed_andTheErrorStillReachesTheReceiver() {
        ExportCounters counters = new ExportCounters(Clock.systemUTC());
        var logs = new CountingIngestLogs(command -> {
            throw new IllegalStateException("bug");
        }, counters);

        assertThrows(IllegalStateException.class,
                () -> logs.ingest(new IngestLogsCommand(ExportLogsServiceRequest.getDefaultInstance())));
        assertEquals(1, counters.exports().stream()
                .filter(e -> e.signal() == TelemetrySignal.LOGS && e.outcome() == ExportOutcome.FAILED)
                .mapToLong(DaemonStatus.ExportCount::count).sum());
    }

    @Test
    void outcomesAreNamedAsTheMetricLabelsUseThem() {
        assertEquals("partial_success", ExportOutcome.of(new IngestResult.PartialSuccess(1, "no")).id());
        assertEquals("retry_later", ExportOutcome.of(new IngestResult.RetryLater("x", Optional.empty())).id());
        assertEquals("traces", TelemetrySignal.TRACES.id());
    }
}
