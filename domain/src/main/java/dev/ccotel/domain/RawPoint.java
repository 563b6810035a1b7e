package dev.ccotel.domain;

import dev.ccotel.domain.model.MetricLabels;
import dev.ccotel.domain.model.MetricPoint;
import dev.ccotel.domain.model.MetricType;
import java.time.Instant;

/** One data point as exported, before the ledger turns it into a forwarded delta. */
public record RawPoint(
        MetricType type,
        String seriesKey,
        boolean cumulative,
        long startNanos,
        long timeNanos,
        double value,
        String metricId,
        Instant timestamp,
        MetricLabels labels) {

    MetricPoint withValue(double delta) {
        return new MetricPoint(metricId, type, timestamp, delta, labels);
    }
}
