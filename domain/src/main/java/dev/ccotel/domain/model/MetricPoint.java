package dev.ccotel.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One forwarded data point. {@code value} is always a delta over the point's interval, whatever
 * temporality the exporter used.
 */
public record MetricPoint(String metricId, MetricType metricType, Instant timestamp, double value,
        MetricLabels labels) {

    public MetricPoint {
        Objects.requireNonNull(metricId, "metricId");
        Objects.requireNonNull(metricType, "metricType");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(labels, "labels");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric value must be finite: " + value);
        }
    }

    // Shortcuts to the labels the totals and the store read.
    public String model() {
        return labels.model();
    }

    public String tokenType() {
        return labels.tokenType();
    }

    public String linesType() {
        return labels.linesType();
    }
}
