package dev.ccotel.ports.service.status;


import dev.ccotel.domain.model.SkipReason;
import dev.ccotel.ports.in.DaemonStatus.ExportCount;
import dev.ccotel.ports.in.ExportOutcome;
import dev.ccotel.ports.in.TelemetrySignal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of what both receivers took since start-up: exports per signal and outcome, spans, items
 * skipped by reason, the last export's time. Shared by the counting decorators and the export
 * pipeline, and read by {@link ReportStatusService}; what was skipped or only counted is also logged
 * (see {@link SkipSummaryLog}).
 */
public final class ExportCounters {
    private final Clock clock;
    private final LongAdder[][] exports = new LongAdder[TelemetrySignal.values().length][ExportOutcome.values().length];
    private final AtomicLong spans = new AtomicLong();
    private final AtomicReference<Instant> lastExport = new AtomicReference<>();
    private final LongAdder[] skipped = new LongAdder[SkipReason.values().length];
    private final SkipSummaryLog skipLog;

    public ExportCounters(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.skipLog = new SkipSummaryLog(clock);
        for (int i = 0; i < skipped.length; i++) {
            skipped[i] = new LongAdder();
        }
        for (LongAdder[] row : exports) {
            for (int i = 0; i < row.length; i++) {
                row[i] = new LongAdder();
            }
        }
    }

    void countExport(TelemetrySignal signal, ExportOutcome outcome) {
        exports[signal.ordinal()][outcome.ordinal()].increment();
        lastExport.set(clock.instant());
    }

    /** @return the spans counted so far, these included */
    public long countSpans(long count) {
        long total = spans.addAndGet(count);
        skipLog.add(Map.of(), count);
        return total;
    }

    public void countSkipped(Map<SkipReason, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        counts.forEach((reason, count) -> skipped[reason.ordinal()].add(count));
        skipLog.add(counts, 0);
    }

    /** Every reason, zero counts included, in enum order. */
    public Map<SkipReason, Long> skipped() {
        Map<SkipReason, Long> out = new EnumMap<>(SkipReason.class);
        for (SkipReason reason : SkipReason.values()) {
            out.put(reason, skipped[reason.ordinal()].sum());
        }
        return out;
    }

    /** Every signal and outcome, zero counts included, so that a scraper sees each series from the start. */
    List<ExportCount> exports() {
        List<ExportCount> counts = new ArrayList<>();
        for (TelemetrySignal signal : TelemetrySignal.values()) {
            for (ExportOutcome outcome : ExportOutcome.values()) {
                counts.add(new ExportCount(signal, outcome, exports[signal.ordinal()][outcome.ordinal()].sum()));
            }
        }
        return counts;
    }

    long spans() {
        return spans.get();
    }

    /** When the last export of any signal was answered; empty before the first. */
    public Optional<Instant> lastExport() {
        return Optional.ofNullable(lastExport.get());
    }
}
