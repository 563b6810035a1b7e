package dev.ccotel.domain;

import static dev.ccotel.domain.fixtures.Otlp.attrs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ccotel.domain.fixtures.Otlp;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Delta points are counted once per window: a retried export (same window) is not counted again,
 * an earlier window that arrives after a later one is (it used to be taken for a retry and left out
 * of the totals; found by the app's reliability tests with concurrent exporters).
 */
class DeltaWindowsTest {
    private static final long T = 1_795_706_896_000_000_000L;
    private static final long S = 1_000_000_000L;

    private final OtlpMapper mapper = new OtlpMapper(new SessionLedger(Clock.systemUTC()),
            MappingOptions.privateByDefault("h"));

    private static ExportMetricsServiceRequest cost(long start, long time, double value) {
        return Otlp.metrics(Otlp.claudeCode(), List.of(Otlp.sum("claude_code.cost.usage",
                AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA,
                List.of(Otlp.point(start, time, value, attrs("session.id", "c", "model", "m"))))));
    }

    private double total(ExportMetricsServiceRequest export) {
        return mapper.map(export).requests().get(0).session().totals().costUsd();
    }

    @Test
    void earlierWindowArrivingLate_isCounted_andItsRetryIsNot() {
        total(cost(T + S, T + 2 * S, 0.02));
        assertEquals(0.03, total(cost(T, T + S, 0.01)), 1e-12);
        assertEquals(0.03, total(cost(T, T + S, 0.01)), 1e-12, "retry of the late window");
        assertEquals(0.03, total(cost(T + S, T + 2 * S, 0.02)), 1e-12, "retry of the first window");
    }

    @Test
    void retryOlderThanEveryRememberedWindow_isNotCounted() {
        total(cost(T, T + S, 1));
        for (int i = 1; i <= 20; i++) {
            total(cost(T + i * S, T + (i + 1) * S, 1));
        }
        assertEquals(21, total(cost(T, T + S, 1)), 1e-12, "long after: still taken for a retry");
    }
}
