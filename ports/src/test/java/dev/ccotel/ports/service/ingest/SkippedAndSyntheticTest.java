package dev.ccotel.ports.service.ingest;

import dev.ccotel.ports.service.status.ExportCounters;

import static dev.ccotel.domain.fixtures.Otlp.attrs;
import static dev.ccotel.domain.fixtures.Otlp.claudeCode;
import static dev.ccotel.domain.fixtures.Otlp.event;
import static dev.ccotel.domain.fixtures.Otlp.point;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.SessionLedger;
import dev.ccotel.domain.fixtures.Otlp;
import dev.ccotel.domain.model.SkipReason;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import dev.ccotel.ports.fakes.RecordingEncoder;
import dev.ccotel.ports.fakes.RecordingPublisher;
import dev.ccotel.ports.in.IngestLogsCommand;
import dev.ccotel.ports.in.IngestMetricsCommand;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SkippedAndSyntheticTest {
    private static final long T = 1_795_706_896_000_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ExportLogsServiceRequest NO_IDS = Otlp.logs(claudeCode(), List.of(
            event(T, attrs("event.name", "user_prompt")), event(T + 1, attrs("event.name", "api_request"))));

    private final SessionLedger ledger = new SessionLedger(CLOCK);
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final ExportCounters counters = new ExportCounters(CLOCK);
    private final ExportPipeline pipeline;
    private final Logger julRoot = Logger.getLogger("dev.ccotel.ports.service"); // held: JUL keeps loggers weakly
    private final List<LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    SkippedAndSyntheticTest() {
        InMemorySessionStates states = new InMemorySessionStates(ledger);
        pipeline = new ExportPipeline(new OtlpMapper(ledger, MappingOptions.privateByDefault("h")), states,
                new RecordingEncoder(), new PassthroughKeeper(publisher, states), CLOCK, counters);
        julRoot.addHandler(capture);
    }

    @AfterEach
    void detach() {
        julRoot.removeHandler(capture);
    }

    @Test
    void exportsWithoutSessionIds_fromTwoConnections_becomeTwoSyntheticSessions_eachWarnedAboutOnce() {
        IngestLogsService logs = new IngestLogsService(pipeline);
        logs.ingest(new IngestLogsCommand(NO_IDS, "grpc-1"));
        logs.ingest(new IngestLogsCommand(NO_IDS, "grpc-2"));
        logs.ingest(new IngestLogsCommand(NO_IDS, "grpc-1"));

        Set<String> sessions = publisher.published().stream().map(dev.ccotel.ports.out.EncodedRequest::sessionId)
                .collect(Collectors.toSet());
        long run = CLOCK.instant().getEpochSecond();
        assertEquals(Set.of("nosession-" + run + "-grpc-1", "nosession-" + run + "-grpc-2"), sessions);
        List<String> warnings = logged.stream().filter(r -> r.getMessage().contains("OTEL_METRICS_INCLUDE_SESSION_ID"))
                .map(LogRecord::getMessage).toList();
        assertEquals(2, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("grpc-1"), warnings.get(0));
    }

    @Test
    void whatTheMappingSkips_isCountedByReason_andLoggedAtInfo() {
        new IngestLogsService(pipeline).ingest(new IngestLogsCommand(Otlp.logs(Otlp.resource("other-service"),
                List.of(event(T, attrs("event.name", "x")), event(T, attrs("event.name", "y")))), "grpc-1"));
        new IngestMetricsService(pipeline).ingest(new IngestMetricsCommand(Otlp.metrics(claudeCode(), List.of(
                Otlp.sum("claude_code.brand_new.metric", AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA,
                        List.of(point(T, T, 1, attrs("session.id", "s")))),
                Otlp.sum("claude_code.cost.usage", AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA,
                        List.of(point(T, T, -1, attrs("session.id", "s"))))))));

        Map<SkipReason, Long> skipped = counters.skipped();
        assertEquals(2, skipped.get(SkipReason.NOT_CLAUDE_CODE));
        assertEquals(1, skipped.get(SkipReason.UNKNOWN_METRIC));
        assertEquals(1, skipped.get(SkipReason.OUT_OF_RANGE), "what the fold refuses counts too");
        assertEquals(0, skipped.get(SkipReason.INVALID_VALUE));
        List<String> lines = logged.stream().filter(r -> r.getMessage().startsWith("not forwarded"))
                .map(LogRecord::getMessage).toList();
        assertEquals(1, lines.size(), "at most one line a minute: " + lines);
        assertTrue(lines.get(0).contains("2 not_claude_code"), lines.get(0));
    }
}
