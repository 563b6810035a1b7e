package dev.ccotel.domain.source.claudecode;

import dev.ccotel.domain.ExportFold;
import dev.ccotel.domain.ExportGroups;
import dev.ccotel.domain.Folded;
import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.SessionLedger;
import dev.ccotel.domain.SessionState;
import dev.ccotel.domain.model.MappingResult;
import dev.ccotel.domain.model.Session;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Maps OTLP exports from Claude Code to backend requests, one per session found in the export, in
 * order of first appearance. Two steps, both pure: {@link #group} reads an export into per-session
 * groups (this source's half: {@link LogsReader}, {@link MetricsReader}), and {@link #fold} folds
 * them into the sessions' states, giving the requests and the new states (the source-neutral half,
 * {@link ExportFold}). {@link #map} does both against the in-memory {@link SessionLedger}; a daemon
 * with a durable store loads and saves the states itself. Thread-safe.
 *
 * <p>Records and points without a {@code session.id} (Claude Code with
 * {@code OTEL_METRICS_INCLUDE_SESSION_ID=false} drops it from metrics and events alike) are grouped
 * by the origin the caller names, under {@code nosession-<run>-<origin>} (see {@link Session#SYNTHETIC_PREFIX});
 * the run is when this mapper was created, in epoch seconds.
 */
public final class OtlpMapper {
    private final SessionLedger ledger;
    private final ExportFold fold;
    private final LogsReader logs;
    private final MetricsReader metrics;
    private final long run;

    /** A mapper whose {@link #map} folds into {@code ledger}. */
    public OtlpMapper(SessionLedger ledger, MappingOptions options) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        Clock clock = ledger.clock();
        this.fold = new ExportFold(Objects.requireNonNull(options, "options").host());
        this.logs = new LogsReader(new EventReader(options), clock);
        this.metrics = new MetricsReader(clock);
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
        return fold.intoLedger(ledger, group(export));
    }

    /** As {@link #map(ExportLogsServiceRequest)}. */
    public MappingResult map(ExportMetricsServiceRequest export) {
        return fold.intoLedger(ledger, group(export));
    }

    /** As {@link #map(ExportLogsServiceRequest)}, from a named origin (see {@link #group(ExportLogsServiceRequest, String)}). */
    public MappingResult map(ExportLogsServiceRequest export, String origin) {
        return fold.intoLedger(ledger, group(export, origin));
    }

    /** As {@link #map(ExportLogsServiceRequest, String)}, for metrics. */
    public MappingResult map(ExportMetricsServiceRequest export, String origin) {
        return fold.intoLedger(ledger, group(export, origin));
    }

    /** As {@link ExportFold#fold}, reporting the options' host for sessions whose resource names none. */
    public Folded fold(ExportGroups groups, Map<String, SessionState> known, Instant now, Instant trustedSince) {
        return fold.fold(groups, known, now, trustedSince);
    }

    /** {@link #group(ExportLogsServiceRequest, String)} from the origin {@code inspect}. */
    public ExportGroups group(ExportLogsServiceRequest export) {
        return logs.read(export, ExportGroups.reading(run));
    }

    /**
     * Reads a logs export into per-session groups; no state is consulted.
     *
     * @param origin the receiver's short name for the connection the export came over, e.g. {@code grpc-7}
     */
    public ExportGroups group(ExportLogsServiceRequest export, String origin) {
        return logs.read(export, ExportGroups.reading(run, origin));
    }

    /** {@link #group(ExportMetricsServiceRequest, String)} from the origin {@code inspect}. */
    public ExportGroups group(ExportMetricsServiceRequest export) {
        return metrics.read(export, ExportGroups.reading(run));
    }

    /** As {@link #group(ExportLogsServiceRequest, String)}, for metrics. */
    public ExportGroups group(ExportMetricsServiceRequest export, String origin) {
        return metrics.read(export, ExportGroups.reading(run, origin));
    }
}
