package dev.ccotel.domain;

import static dev.ccotel.domain.fixtures.Otlp.attrs;
import static dev.ccotel.domain.fixtures.Otlp.claudeCode;
import static dev.ccotel.domain.fixtures.Otlp.event;
import static dev.ccotel.domain.fixtures.Otlp.point;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ccotel.domain.fixtures.Otlp;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's guarantee: {@code startedAt} only ever moves earlier and is the earliest time seen so far. */
class StartedAtTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long T = 1_795_706_896L * SECOND;
    private static final AggregationTemporality DELTA = AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;

    private final OtlpMapper mapper = new OtlpMapper(new SessionLedger(FixtureScenariosTest.clockBefore2026()),
            MappingOptions.privateByDefault("devbox"));

    @Test
    void metricsFirstWithALaterStart_thenLogsWithAnEarlierEvent_startedAtMovesEarlierOnce() {
        Instant fromMetrics = startedAt(metrics(T + 5 * SECOND, T + 6 * SECOND));
        Instant fromLogs = startedAt(mapper.map(Otlp.logs(claudeCode(),
                List.of(event(T, attrs("session.id", "s", "event.name", "user_prompt"))))).requests().get(0));
        Instant later = startedAt(metrics(T + 7 * SECOND, T + 8 * SECOND));
        Instant lateEarlierEvent = startedAt(mapper.map(Otlp.logs(claudeCode(),
                List.of(event(T - 2 * SECOND, attrs("session.id", "s", "event.name", "api_request"))))).requests().get(0));

        assertEquals(Instant.ofEpochSecond(0, T + 5 * SECOND), fromMetrics, "the earliest point start seen so far");
        assertEquals(Instant.ofEpochSecond(0, T), fromLogs, "moved earlier, to the first event");
        assertEquals(fromLogs, later, "a later export never moves it later");
        assertEquals(Instant.ofEpochSecond(0, T - 2 * SECOND), lateEarlierEvent, "an event older still moves it again");
    }

    private dev.ccotel.domain.model.SessionUpdate metrics(long start, long time) {
        return mapper.map(Otlp.metrics(claudeCode(), List.of(Otlp.sum("claude_code.cost.usage", DELTA,
                List.of(point(start, time, 0.01, attrs("session.id", "s"))))))).requests().get(0);
    }

    private static Instant startedAt(dev.ccotel.domain.model.SessionUpdate request) {
        return request.session().startedAt();
    }
}
