package dev.ccotel.domain.source.claudecode;

import dev.ccotel.domain.Ids;
import dev.ccotel.domain.RawPoint;
import dev.ccotel.domain.Times;
import dev.ccotel.domain.model.MetricLabels;
import dev.ccotel.domain.model.MetricType;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Reads one OTLP number data point of a known Claude Code metric. */
final class MetricReader {
    private static final char SEP = '\u001f';
    private static final KeyValue[] NO_ATTRIBUTES = {};
    private static final int INSERTION_SORT_MAX = 32;

    private MetricReader() {}

    static Optional<RawPoint> read(MetricType type, String metricName, boolean cumulative, String sessionId,
            NumberDataPoint dp, AttributeMap attrs, Clock clock) {
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
                new MetricLabels(
                        attrs.string("model"),
                        type == MetricType.TOKEN_USAGE ? kind : "",
                        type == MetricType.LINES_OF_CODE_COUNT ? kind : "",
                        attrs.firstString("tool_name", "tool"),
                        attrs.string("decision"),
                        attrs.string("source"),
                        attrs.string("language"),
                        type == MetricType.SESSION_COUNT ? attrs.string("start_type") : "")));
    }

    /** Metric name plus every attribute, sorted: the identity of a series, independent of attribute order. */
    static String seriesKey(String metricName, List<KeyValue> attributes) {
        KeyValue[] sorted = attributes.toArray(NO_ATTRIBUTES);
        sortByKey(sorted);
        String[] values = new String[sorted.length];
        int length = metricName.length();
        for (int i = 0; i < sorted.length; i++) {
            values[i] = AttributeMap.keyText(sorted[i].getValue());
            length += sorted[i].getKey().length() + values[i].length() + 2;
        }
        StringBuilder sb = new StringBuilder(length).append(metricName);
        for (int i = 0; i < sorted.length; i++) {
            sb.append(SEP).append(sorted[i].getKey()).append('=').append(values[i]);
        }
        return sb.toString();
    }

    /**
     * Stable, like the {@code List.sort} it replaces (equal keys keep their order, so keys stay as
     * they were). A data point has about a dozen attributes, for which an insertion sort without a
     * comparator is the cheapest (JMH, docs/PERFORMANCE.md); a hostile export with thousands of
     * attributes on one point gets the n log n sort.
     */
    private static void sortByKey(KeyValue[] kvs) {
        if (kvs.length > INSERTION_SORT_MAX) {
            Arrays.sort(kvs, Comparator.comparing(KeyValue::getKey));
            return;
        }
        for (int i = 1; i < kvs.length; i++) {
            KeyValue kv = kvs[i];
            String key = kv.getKey();
            int j = i - 1;
            while (j >= 0 && kvs[j].getKey().compareTo(key) > 0) {
                kvs[j + 1] = kvs[j];
                j--;
            }
            kvs[j + 1] = kv;
        }
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
