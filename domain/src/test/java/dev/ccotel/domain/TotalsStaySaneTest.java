package dev.ccotel.domain;

import static dev.ccotel.domain.fixtures.Otlp.attrs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.fixtures.Otlp;
import dev.ccotel.domain.model.MappingResult;
import dev.ccotel.domain.model.SkipReason;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counter values cannot corrupt totals: a total never goes down and is always a finite number. */
class TotalsStaySaneTest {
    private static final long T = 1_795_706_896_000_000_000L;
    private final SessionLedger ledger = new SessionLedger(FixtureScenariosTest.clockBefore2026());
    private final OtlpMapper mapper = new OtlpMapper(ledger, MappingOptions.privateByDefault("h"));

    private static ExportMetricsServiceRequest cost(AggregationTemporality temporality, long start, long time, double value) {
        return Otlp.metrics(Otlp.claudeCode(), List.of(Otlp.sum("claude_code.cost.usage", temporality,
                List.of(Otlp.point(start, time, value, attrs("session.id", "s", "model", "m"))))));
    }

    private double totalCost() {
        return ledger.session("s").orElseThrow().totals().costUsd();
    }

    @Test
    void negativeDelta_isSkippedAsOutOfRange_theTotalDoesNotDrop() {
        mapper.map(cost(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA, T, T + 1, 1.0));

        MappingResult negative = mapper.map(cost(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA, T + 1, T + 2, -5.0));

        assertEquals(1.0, totalCost());
        assertEquals(1L, negative.skipped().get(SkipReason.OUT_OF_RANGE));
        assertTrue(negative.requests().isEmpty(), "nothing forwarded for it");
    }

    @Test
    void hugeDeltas_neverMakeATotalInfinite_andItStaysInEveryLaterRequest() {
        mapper.map(cost(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA, T, T + 1, 1e308));
        MappingResult second = mapper.map(cost(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA, T + 1, T + 2, 1e308));
        MappingResult later = mapper.map(cost(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA, T + 2, T + 3, 0.5));

        assertEquals(1L, second.skipped().get(SkipReason.OUT_OF_RANGE));
        assertTrue(Double.isFinite(totalCost()));
        assertEquals(1e308, later.requests().get(0).session().totals().costUsd());
    }

    @Test
    void cumulativeSeriesGoingNegative_isOutOfRange_notAReset() {
        long start = T - 1_000;
        mapper.map(cost(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, start, T, 2.0));
        MappingResult dropped = mapper.map(cost(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, start, T + 1, -3.0));
        mapper.map(cost(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, start, T + 2, 2.5));

        assertEquals(1L, dropped.skipped().get(SkipReason.OUT_OF_RANGE));
        assertEquals(2.5, totalCost(), 1e-12, "measured against the last sane point");
    }
}
