package dev.ccotel.app.perf;

import dev.ccotel.domain.fixtures.Fixtures;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import java.util.ArrayList;
import java.util.List;

/**
 * Exports shaped like Claude Code's, for benchmarks and load: the captured fixtures as they are, and
 * synthetic exports built from the fixtures' records with new session ids, sequences and times.
 */
final class Workloads {
    static final long NANOS_PER_MS = 1_000_000L;

    private Workloads() {}

    static List<ExportLogsServiceRequest> fixtureLogs() {
        List<ExportLogsServiceRequest> out = new ArrayList<>();
        for (String s : Fixtures.SCENARIOS) {
            out.add(Fixtures.pbLogs(s));
        }
        return out;
    }

    static List<ExportMetricsServiceRequest> fixtureMetrics() {
        List<ExportMetricsServiceRequest> out = new ArrayList<>();
        for (String s : Fixtures.SCENARIOS) {
            out.add(Fixtures.pbMetrics(s));
        }
        return out;
    }

    static int logRecords(ExportLogsServiceRequest r) {
        int n = 0;
        for (ResourceLogs rl : r.getResourceLogsList()) {
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                n += sl.getLogRecordsCount();
            }
        }
        return n;
    }

    static int dataPoints(ExportMetricsServiceRequest r) {
        int n = 0;
        for (ResourceMetrics rm : r.getResourceMetricsList()) {
            for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                for (Metric m : sm.getMetricsList()) {
                    n += m.getSum().getDataPointsCount();
                }
            }
        }
        return n;
    }

    /**
     * One logs export of {@code records} records spread evenly over {@code sessions} sessions (one
     * resource each), cycling through the fixtures' records; times start at {@code baseNanos}.
     */
    static ExportLogsServiceRequest syntheticLogs(String sessionPrefix, int sessions, int records, long baseNanos) {
        List<ResourceLogs> templates = new ArrayList<>();
        List<LogRecord> recordTemplates = new ArrayList<>();
        for (ExportLogsServiceRequest r : fixtureLogs()) {
            for (ResourceLogs rl : r.getResourceLogsList()) {
                templates.add(rl);
                for (ScopeLogs sl : rl.getScopeLogsList()) {
                    recordTemplates.addAll(sl.getLogRecordsList());
                }
            }
        }
        ExportLogsServiceRequest.Builder export = ExportLogsServiceRequest.newBuilder();
        int perSession = records / sessions;
        int seq = 0;
        for (int s = 0; s < sessions; s++) {
            String sessionId = sessionId(sessionPrefix, s);
            ResourceLogs template = templates.get(s % templates.size());
            ScopeLogs.Builder scope = template.getScopeLogs(0).toBuilder().clearLogRecords();
            int count = s == sessions - 1 ? records - perSession * (sessions - 1) : perSession;
            for (int i = 0; i < count; i++) {
                LogRecord t = recordTemplates.get(seq % recordTemplates.size());
                long time = baseNanos + seq * NANOS_PER_MS;
                LogRecord.Builder b = t.toBuilder().setTimeUnixNano(time).setObservedTimeUnixNano(time);
                rewrite(b.getAttributesBuilderList(), sessionId, seq);
                scope.addLogRecords(b);
                seq++;
            }
            export.addResourceLogs(template.toBuilder().clearScopeLogs().addScopeLogs(scope));
        }
        return export.build();
    }

    /**
     * One metrics export of {@code points} delta data points spread over {@code sessions} sessions,
     * cycling through the fixtures' metrics; each copy of a series is one millisecond later.
     */
    static ExportMetricsServiceRequest syntheticMetrics(String sessionPrefix, int sessions, int points, long baseNanos) {
        List<ResourceMetrics> templates = new ArrayList<>();
        List<Metric> metricTemplates = new ArrayList<>();
        for (ExportMetricsServiceRequest r : fixtureMetrics()) {
            for (ResourceMetrics rm : r.getResourceMetricsList()) {
                templates.add(rm);
                for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                    for (Metric m : sm.getMetricsList()) {
                        for (NumberDataPoint dp : m.getSum().getDataPointsList()) {
                            metricTemplates.add(m.toBuilder().setSum(m.getSum().toBuilder().clearDataPoints()
                                    .addDataPoints(dp)).build());
                        }
                    }
                }
            }
        }
        ExportMetricsServiceRequest.Builder export = ExportMetricsServiceRequest.newBuilder();
        int perSession = points / sessions;
        int n = 0;
        for (int s = 0; s < sessions; s++) {
            String sessionId = sessionId(sessionPrefix, s);
            ResourceMetrics template = templates.get(s % templates.size());
            ScopeMetrics.Builder scope = template.getScopeMetrics(0).toBuilder().clearMetrics();
            int count = s == sessions - 1 ? points - perSession * (sessions - 1) : perSession;
            // Points of one metric go into one Metric message, as an SDK would batch them.
            List<Metric.Builder> byMetric = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Metric t = metricTemplates.get(n % metricTemplates.size());
                int slot = n % metricTemplates.size();
                while (byMetric.size() <= slot) {
                    Metric m = metricTemplates.get(byMetric.size());
                    byMetric.add(m.toBuilder().setSum(Sum.newBuilder()
                            .setAggregationTemporality(m.getSum().getAggregationTemporality())
                            .setIsMonotonic(m.getSum().getIsMonotonic())));
                }
                NumberDataPoint dp = t.getSum().getDataPoints(0);
                long time = baseNanos + (i + 1) * NANOS_PER_MS;
                NumberDataPoint.Builder b = dp.toBuilder().setStartTimeUnixNano(time - NANOS_PER_MS).setTimeUnixNano(time);
                rewrite(b.getAttributesBuilderList(), sessionId, -1);
                byMetric.get(slot).getSumBuilder().addDataPoints(b);
                n++;
            }
            for (Metric.Builder m : byMetric) {
                if (m.getSum().getDataPointsCount() > 0) {
                    scope.addMetrics(m);
                }
            }
            export.addResourceMetrics(template.toBuilder().clearScopeMetrics().addScopeMetrics(scope));
        }
        return export.build();
    }

    /** The export with every {@code session.id} attribute set to {@link #sessionId}{@code (prefix, n)}. */
    static ExportLogsServiceRequest renameSession(ExportLogsServiceRequest r, String prefix, int n) {
        String id = sessionId(prefix, n);
        ExportLogsServiceRequest.Builder b = r.toBuilder();
        b.getResourceLogsBuilderList().forEach(rl -> rl.getScopeLogsBuilderList().forEach(sl ->
                sl.getLogRecordsBuilderList().forEach(lr -> lr.getAttributesBuilderList().forEach(kv -> {
                    if (kv.getKey().equals("session.id")) {
                        kv.getValueBuilder().setStringValue(id);
                    }
                }))));
        return b.build();
    }

    /** The export with every data point's {@code session.id} set to {@link #sessionId}{@code (prefix, n)}. */
    static ExportMetricsServiceRequest renameSession(ExportMetricsServiceRequest r, String prefix, int n) {
        String id = sessionId(prefix, n);
        ExportMetricsServiceRequest.Builder b = r.toBuilder();
        b.getResourceMetricsBuilderList().forEach(rm -> rm.getScopeMetricsBuilderList().forEach(sm ->
                sm.getMetricsBuilderList().forEach(m -> m.getSumBuilder().getDataPointsBuilderList().forEach(dp ->
                        dp.getAttributesBuilderList().forEach(kv -> {
                            if (kv.getKey().equals("session.id")) {
                                kv.getValueBuilder().setStringValue(id);
                            }
                        })))));
        return b.build();
    }

    static String sessionId(String prefix, int n) {
        return String.format("%s-%04d-4000-8000-%012d", prefix, n / 10_000, n);
    }

    private static void rewrite(List<KeyValue.Builder> attributes, String sessionId, int sequence) {
        for (KeyValue.Builder kv : attributes) {
            switch (kv.getKey()) {
                case "session.id" -> kv.setValue(AnyValue.newBuilder().setStringValue(sessionId));
                case "event.sequence" -> {
                    if (sequence >= 0) {
                        kv.setValue(AnyValue.newBuilder().setIntValue(sequence));
                    }
                }
                default -> { }
            }
        }
    }
}
