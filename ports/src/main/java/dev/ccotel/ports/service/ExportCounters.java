package dev.ccotel.ports.service;

import dev.ccotel.ports.in.DaemonStatus.ExportCount;
import dev.ccotel.ports.in.ExportOutcome;
import dev.ccotel.ports.in.TelemetrySignal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of what both receivers took since start-up: exports per signal and outcome, spans, the last
 * export's time. Shared by the counting decorators and read by {@link ReportStatusService}.
 */
public final class ExportCounters {
    private final Clock clock;
    private final LongAdder[][] exports = new LongAdder[TelemetrySignal.values().length][ExportOutcome.values().length];
    private final AtomicLong spans = new AtomicLong();
    private final AtomicReference<Instant> lastExport = new AtomicReference<>();

    public ExportCounters(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
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
    long countSpans(long count) {
        return spans.addAndGet(count);
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

    Optional<Instant> lastExport() {
        return Optional.ofNullable(lastExport.get());
    }
}
