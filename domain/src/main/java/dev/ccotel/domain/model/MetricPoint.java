package dev.ccotel.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One forwarded data point. {@code value} is always a delta over the point's interval, whatever
 * temporality the exporter used. Empty strings stand for attributes the point did not carry.
 */
public record MetricPoint(
        String metricId,
        MetricType metricType,
        Instant timestamp,
        double value,
        String model,
        String tokenType,
        String linesType,
        String tool,
        String decision,
        String source,
        String language) {

    public MetricPoint {
        Objects.requireNonNull(metricId, "metricId");
        Objects.requireNonNull(metricType, "metricType");
        Objects.requireNonNull(timestamp, "timestamp");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric value must be finite: " + value);
        }
    }
}
