package dev.ccotel.domain;

import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.model.EventType;
import dev.ccotel.domain.model.MappingResult;
import dev.ccotel.domain.model.MetricType;
import dev.ccotel.domain.model.Session;
import dev.ccotel.domain.model.SkipReason;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps OTLP exports from Claude Code to backend requests, one per session found in the export, in
 * order of first appearance. Two steps, both pure: {@link #group} reads an export into per-session
 * groups, and {@link #fold} folds them into the sessions' states, giving the requests and the new
 * states. {@link #map} does both against the in-memory {@link SessionLedger}; a daemon with a
 * durable store loads and saves the states itself. Thread-safe.
 *
 * <p>Records and points without a {@code session.id} (Claude Code with
 * {@code OTEL_METRICS_INCLUDE_SESSION_ID=false} drops it from metrics and events alike) are grouped
 * by the origin the caller names, under {@code nosession-<run>-<origin>} (see {@link Session#SYNTHETIC_PREFIX});
 * the run is when this mapper was created, in epoch seconds.
 */
public final class OtlpMapper {
    static final String CLAUDE_CODE_SERVICE = "claude-code";

    private final SessionLedger ledger;
    private final Clock clock;
    private final MappingOptions options;
    private final EventReader events;
    private final long run;

    /** A mapper whose {@link #map} folds into {@code ledger}. */
    public OtlpMapper(SessionLedger ledger, MappingOptions options) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = ledger.clock();
        this.options = Objects.requireNonNull(options, "options");
        this.events = new EventReader(options);
        this.run = clock.instant().getEpochSecond();
    }

    /**
     * A mapper for callers that keep the states themselves ({@link #group} then {@link #fold});
     * {@link #map} still works, against a ledger of its own.
     */
    public OtlpMapper(Clock clock, MappingOptions options) {
        this(new SessionLedger(clock), options);
    }

    /**
     * Groups and folds the export against the in-memory ledger, which then holds the new states.
     * Records without a {@code session.id} go to the origin {@code inspect}: one group for the run.
     */
    public MappingResult map(ExportLogsServiceRequest export) {
        return mapInLedger(group(export));
    }

    /** As {@link #map(ExportLogsServiceRequest)}. */
    public MappingResult map(ExportMetricsServiceRequest export) {
        return mapInLedger(group(export));
    }

    /** As {@link #map(ExportLogsServiceRequest)}, from a named origin (see {@link #group(ExportLogsServiceRequest, String)}). */
    public MappingResult map(ExportLogsServiceRequest export, String origin) {
        return mapInLedger(group(export, origin));
    }

    /** As {@link #map(ExportLogsServiceRequest, String)}, for metrics. */
    public MappingResult map(ExportMetricsServiceRequest export, String origin) {
        return mapInLedger(group(export, origin));
    }

    private MappingResult mapInLedger(ExportGroups groups) {
        synchronized (ledger) { // load, fold and save as one step, so concurrent exports of a session cannot lose an update
            Folded folded = fold(groups, ledger.states(groups.sessionIds()), ledger.clock().instant(),
                    ledger.trustedSince());
            ledger.save(folded.states());
            return folded.result();
        }
    }

    /**
     * Folds grouped exports into the sessions' states. {@code known} is not changed: the new states
     * come back in the result, one per session of the export, for the caller to keep.
     *
     * @param known the states of the export's sessions that are known; a missing one starts empty
     * @param now the time of the fold (last seen; start time when the export carries none)
     * @param trustedSince since when the caller has kept state (see {@link SessionFold})
     */
    public Folded fold(ExportGroups groups, Map<String, SessionState> known, Instant now, Instant trustedSince) {
        SessionFold fold = new SessionFold(trustedSince);
        Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        skipped.putAll(groups.skipped());
        List<SessionUpdate> requests = new ArrayList<>(groups.groups().size());
        List<SessionState> states = new ArrayList<>(groups.groups().size());
        for (SessionGroup group : groups.groups()) {
            SessionState prior = known.get(group.sessionId);
            SessionState state = prior == null ? new SessionState(group.sessionId) : prior.copy();
            SessionFold.Result folded = fold.apply(state, group, now);
            states.add(state);
            add(skipped, SkipReason.STALE_POINT, folded.stale);
            add(skipped, SkipReason.CUMULATIVE_BASELINE, folded.baselines);
            add(skipped, SkipReason.OUT_OF_RANGE, folded.outOfRange);
            if (group.events.isEmpty() && folded.points.isEmpty()) {
                continue; // nothing new for this session: no request to send
            }
            String host = group.host.isEmpty() ? options.host() : group.host;
            requests.add(new SessionUpdate(host, folded.project, folded.session, group.events, folded.points));
        }
        return new Folded(new MappingResult(requests, skipped), states);
    }

    /** {@link #group(ExportLogsServiceRequest, String)} from the origin {@code inspect}. */
    public ExportGroups group(ExportLogsServiceRequest export) {
        return group(export, Origin.UNKNOWN);
    }

    /**
     * Reads a logs export into per-session groups; no state is consulted.
     *
     * @param origin the receiver's short name for the connection the export came over, e.g. {@code grpc-7}
     */
    public ExportGroups group(ExportLogsServiceRequest export, String origin) {
        String synthetic = Origin.syntheticSessionId(run, origin);
        Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        Map<String, SessionGroup> groups = new LinkedHashMap<>();
        int index = 0;
        for (ResourceLogs resourceLogs : export.getResourceLogsList()) {
            AttributeMap resource = AttributeMap.of(resourceLogs.getResource().getAttributesList());
            boolean claudeCode = isClaudeCode(resource);
            for (ScopeLogs scope : resourceLogs.getScopeLogsList()) {
                if (!claudeCode) {
                    add(skipped, SkipReason.NOT_CLAUDE_CODE, scope.getLogRecordsCount());
                    continue;
                }
                for (LogRecord record : scope.getLogRecordsList()) {
                    index++;
                    AttributeMap attrs = AttributeMap.of(record.getAttributesList());
                    String name = eventName(attrs);
                    if (name.isEmpty()) {
                        add(skipped, SkipReason.NO_EVENT_NAME, 1);
                        continue;
                    }
                    String sessionId = SessionGroup.sessionIdOf(attrs, resource, synthetic);
                    if (sessionId.length() > Limits.MAX_SESSION_ID) {
                        add(skipped, SkipReason.ID_TOO_LONG, 1);
                        continue;
                    }
                    Instant time = timeOf(record, attrs);
                    SessionGroup group = groups.computeIfAbsent(sessionId, SessionGroup::new);
                    group.observe(attrs, resource, time);
                    group.events.add(events.read(sessionId, name, time, record.getTimeUnixNano(),
                            record.getObservedTimeUnixNano(), index, attrs));
                }
            }
        }
        return new ExportGroups(List.copyOf(groups.values()), skipped, origin, synthetic);
    }

    /** {@link #group(ExportMetricsServiceRequest, String)} from the origin {@code inspect}. */
    public ExportGroups group(ExportMetricsServiceRequest export) {
        return group(export, Origin.UNKNOWN);
    }

    /** As {@link #group(ExportLogsServiceRequest, String)}, for metrics. */
    public ExportGroups group(ExportMetricsServiceRequest export, String origin) {
        String synthetic = Origin.syntheticSessionId(run, origin);
        Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        Map<String, SessionGroup> groups = new LinkedHashMap<>();
        for (ResourceMetrics resourceMetrics : export.getResourceMetricsList()) {
            AttributeMap resource = AttributeMap.of(resourceMetrics.getResource().getAttributesList());
            boolean claudeCode = isClaudeCode(resource);
            for (ScopeMetrics scope : resourceMetrics.getScopeMetricsList()) {
                for (Metric metric : scope.getMetricsList()) {
                    Optional<MetricType> type = MetricType.fromOtlpName(metric.getName());
                    if (!claudeCode) {
                        add(skipped, SkipReason.NOT_CLAUDE_CODE, MetricReader.pointCount(metric));
                    } else if (type.isEmpty()) {
                        add(skipped, SkipReason.UNKNOWN_METRIC, MetricReader.pointCount(metric));
                    } else if (!metric.hasSum() || temporalityUnknown(metric)) {
                        add(skipped, SkipReason.UNSUPPORTED_POINT_TYPE, Math.max(1, MetricReader.pointCount(metric)));
                    } else {
                        readSum(type.get(), metric, resource, synthetic, groups, skipped);
                    }
                }
            }
        }
        return new ExportGroups(List.copyOf(groups.values()), skipped, origin, synthetic);
    }

    private void readSum(MetricType type, Metric metric, AttributeMap resource, String synthetic,
            Map<String, SessionGroup> groups, Map<SkipReason, Long> skipped) {
        boolean cumulative =
                metric.getSum().getAggregationTemporality() == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
        for (NumberDataPoint dataPoint : metric.getSum().getDataPointsList()) {
            AttributeMap attrs = AttributeMap.of(dataPoint.getAttributesList());
            String sessionId = SessionGroup.sessionIdOf(attrs, resource, synthetic);
            if (sessionId.length() > Limits.MAX_SESSION_ID) {
                add(skipped, SkipReason.ID_TOO_LONG, 1);
                continue;
            }
            Optional<RawPoint> point = MetricReader.read(type, metric.getName(), cumulative, sessionId, dataPoint,
                    attrs, clock);
            if (point.isEmpty()) {
                add(skipped, SkipReason.INVALID_VALUE, 1);
                continue;
            }
            if (point.get().seriesKey().length() > Limits.MAX_SERIES_KEY) {
                add(skipped, SkipReason.ID_TOO_LONG, 1);
                continue;
            }
            SessionGroup group = groups.computeIfAbsent(sessionId, SessionGroup::new);
            Instant start = dataPoint.getStartTimeUnixNano() == 0 ? point.get().timestamp()
                    : Times.fromUnixNanos(dataPoint.getStartTimeUnixNano());
            group.observe(attrs, resource, Times.earlier(start, point.get().timestamp()));
            group.points.add(point.get());
        }
    }

    private static boolean isClaudeCode(AttributeMap resource) {
        return CLAUDE_CODE_SERVICE.equals(resource.string("service.name"));
    }

    private static boolean temporalityUnknown(Metric metric) {
        AggregationTemporality t = metric.getSum().getAggregationTemporality();
        return t != AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA
                && t != AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
    }

    /** Claude Code names events {@code user_prompt} in the attribute and {@code claude_code.user_prompt} elsewhere. */
    private static String eventName(AttributeMap attrs) {
        String name = attrs.string("event.name").trim();
        return name.startsWith(EventType.PREFIX) ? name.substring(EventType.PREFIX.length()) : name;
    }

    private Instant timeOf(LogRecord record, AttributeMap attrs) {
        if (record.getTimeUnixNano() != 0) {
            return Times.fromUnixNanos(record.getTimeUnixNano());
        }
        if (record.getObservedTimeUnixNano() != 0) {
            return Times.fromUnixNanos(record.getObservedTimeUnixNano());
        }
        String iso = attrs.string("event.timestamp");
        if (!iso.isEmpty()) {
            try {
                return Instant.parse(iso);
            } catch (DateTimeParseException notIso) {
                // fall through to the receiving time: the record is still worth forwarding
            }
        }
        return clock.instant();
    }

    private static void add(Map<SkipReason, Long> skipped, SkipReason reason, long count) {
        if (count > 0) {
            skipped.merge(reason, count, Long::sum);
        }
    }
}
