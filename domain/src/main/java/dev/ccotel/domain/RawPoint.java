package dev.ccotel.domain;

import dev.ccotel.domain.model.MetricPoint;
import dev.ccotel.domain.model.MetricType;
import java.time.Instant;

/** One data point as exported, before the ledger turns it into a forwarded delta. */
record RawPoint(
        MetricType type,
        String seriesKey,
        boolean cumulative,
        long startNanos,
        long timeNanos,
        double value,
        String metricId,
        Instant timestamp,
        String model,
        String tokenType,
        String linesType,
        String tool,
        String decision,
        String source,
        String language) {

    MetricPoint withValue(double delta) {
        return new MetricPoint(metricId, type, timestamp, delta, model, tokenType, linesType, tool, decision, source, language);
    }
}
