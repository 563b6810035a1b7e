package dev.ccotel.ports.service;

import static dev.ccotel.domain.fixtures.Otlp.attrs;
import static dev.ccotel.domain.fixtures.Otlp.claudeCode;
import static dev.ccotel.domain.fixtures.Otlp.event;
import static dev.ccotel.domain.fixtures.Otlp.point;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.OtlpMapper;
import dev.ccotel.domain.SessionLedger;
import dev.ccotel.domain.fixtures.Otlp;
import dev.ccotel.domain.model.SkipReason;
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
                new RecordingEncoder(), new PassthroughKeeper(publisher, states), CLOCK);
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
}
