package dev.ccotel.domain.source.claudecode;

import dev.ccotel.domain.ExportGroups;
import dev.ccotel.domain.Limits;
import dev.ccotel.domain.RawPoint;
import dev.ccotel.domain.SessionGroup;
import dev.ccotel.domain.Times;
import dev.ccotel.domain.model.MetricType;
import dev.ccotel.domain.model.SkipReason;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Reads a Claude Code metrics export into per-session groups of data points (sums only). */
final class MetricsReader {
    private final Clock clock;

    MetricsReader(Clock clock) {
        this.clock = clock;
    }

    ExportGroups read(ExportMetricsServiceRequest export, ExportGroups.Builder groups) {
        for (ResourceMetrics resourceMetrics : export.getResourceMetricsList()) {
            AttributeMap resource = AttributeMap.of(resourceMetrics.getResource().getAttributesList());
            boolean claudeCode = SessionAttributes.isClaudeCode(resource);
            for (ScopeMetrics scope : resourceMetrics.getScopeMetricsList()) {
                for (Metric metric : scope.getMetricsList()) {
                    Optional<MetricType> type = MetricNames.typeOf(metric.getName());
                    if (!claudeCode) {
                        groups.skip(SkipReason.NOT_CLAUDE_CODE, MetricReader.pointCount(metric));
                    } else if (type.isEmpty()) {
                        groups.skip(SkipReason.UNKNOWN_METRIC, MetricReader.pointCount(metric));
                    } else if (!metric.hasSum() || temporalityUnknown(metric)) {
                        groups.skip(SkipReason.UNSUPPORTED_POINT_TYPE, Math.max(1, MetricReader.pointCount(metric)));
                    } else {
                        readSum(type.get(), metric, resource, groups);
                    }
                }
            }
        }
        return groups.build();
    }

    private void readSum(MetricType type, Metric metric, AttributeMap resource, ExportGroups.Builder groups) {
        boolean cumulative =
                metric.getSum().getAggregationTemporality() == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
        for (NumberDataPoint dataPoint : metric.getSum().getDataPointsList()) {
            AttributeMap attrs = AttributeMap.of(dataPoint.getAttributesList());
            String sessionId = SessionAttributes.sessionIdOf(attrs, resource, groups.syntheticSessionId());
            if (sessionId.length() > Limits.MAX_SESSION_ID) {
                groups.skip(SkipReason.ID_TOO_LONG, 1);
                continue;
            }
            Optional<RawPoint> point = MetricReader.read(type, metric.getName(), cumulative, sessionId, dataPoint,
                    attrs, clock);
            if (point.isEmpty()) {
                groups.skip(SkipReason.INVALID_VALUE, 1);
                continue;
            }
            if (point.get().seriesKey().length() > Limits.MAX_SERIES_KEY) {
                groups.skip(SkipReason.ID_TOO_LONG, 1);
                continue;
            }
            SessionGroup group = groups.session(sessionId);
            Instant start = dataPoint.getStartTimeUnixNano() == 0 ? point.get().timestamp()
                    : Times.fromUnixNanos(dataPoint.getStartTimeUnixNano());
            SessionAttributes.observe(group, attrs, resource, Times.earlier(start, point.get().timestamp()));
            group.add(point.get());
        }
    }

    private static boolean temporalityUnknown(Metric metric) {
        AggregationTemporality t = metric.getSum().getAggregationTemporality();
        return t != AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA
                && t != AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
    }
}
