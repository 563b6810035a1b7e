package dev.ccotel.domain;

import dev.ccotel.domain.model.MetricType;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Reads one OTLP number data point of a known Claude Code metric. */
final class MetricReader {
    private static final char SEP = '\u001f';

    private MetricReader() {}

    static Optional<RawPoint> read(MetricType type, String metricName, boolean cumulative, String sessionId,
            NumberDataPoint dp, Attrs attrs, Clock clock) {
        double value = switch (dp.getValueCase()) {
            case AS_DOUBLE -> dp.getAsDouble();
            case AS_INT -> dp.getAsInt();
            case VALUE_NOT_SET -> Double.NaN;
        };
        if (!Double.isFinite(value)) {
            return Optional.empty();
        }
        String seriesKey = seriesKey(metricName, dp.getAttributesList());
        long timeNanos = dp.getTimeUnixNano() != 0 ? dp.getTimeUnixNano() : dp.getStartTimeUnixNano();
        Instant timestamp = timeNanos != 0 ? Times.fromUnixNanos(timeNanos) : clock.instant();
        // On token usage `type` is the token type; on lines of code it is added/removed.
        String kind = attrs.string("type");
        return Optional.of(new RawPoint(
                type,
                seriesKey,
                cumulative,
                dp.getStartTimeUnixNano(),
                timeNanos,
                value,
                Ids.metricId(sessionId, seriesKey, dp.getStartTimeUnixNano(), timeNanos),
                timestamp,
                attrs.string("model"),
                type == MetricType.TOKEN_USAGE ? kind : "",
                type == MetricType.LINES_OF_CODE_COUNT ? kind : "",
                attrs.firstString("tool_name", "tool"),
                attrs.string("decision"),
                attrs.string("source"),
                attrs.string("language")));
    }

    /** Metric name plus every attribute, sorted: the identity of a series, independent of attribute order. */
    static String seriesKey(String metricName, List<KeyValue> attributes) {
        List<KeyValue> sorted = new ArrayList<>(attributes);
        sorted.sort(Comparator.comparing(KeyValue::getKey));
        StringBuilder sb = new StringBuilder(metricName.length() + attributes.size() * 32).append(metricName);
        for (KeyValue kv : sorted) {
            sb.append(SEP).append(kv.getKey()).append('=').append(Attrs.keyText(kv.getValue()));
        }
        return sb.toString();
    }

    static int pointCount(Metric metric) {
        return switch (metric.getDataCase()) {
            case SUM -> metric.getSum().getDataPointsCount();
            case GAUGE -> metric.getGauge().getDataPointsCount();
            case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
            case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
            case SUMMARY -> metric.getSummary().getDataPointsCount();
            case DATA_NOT_SET -> 0;
        };
    }
}
