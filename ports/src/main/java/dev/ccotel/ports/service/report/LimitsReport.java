package dev.ccotel.ports.service.report;

import dev.ccotel.domain.context.SessionContext;
import dev.ccotel.ports.out.LimitSnapshot;
import dev.ccotel.ports.out.ReadUsagePort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code report limits}: each 5-hour and 7-day window the statusline saw, its use over time (the
 * snapshots, the peak) and what was spent inside it. A window's start is its reset time less its length.
 */
public final class LimitsReport {
    private final ReadUsagePort store;
    private final ReportUsageService usage;
    private final Clock clock;

    public LimitsReport(ReadUsagePort store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.usage = new ReportUsageService(store, clock);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * One window.
     *
     * @param uses the snapshots' use, oldest first
     * @param costUsd spent from the window's start to its reset (or now, for a window still running)
     */
    public record Row(SessionContext.Window window, Instant start, Instant resetsAt, List<Use> uses, double costUsd) {
        public double peakPercent() {
            return uses.stream().mapToDouble(Use::usedPercent).max().orElse(0);
        }
    }

    /** The use at one moment. */
    public record Use(Instant at, double usedPercent) {}

    /** The windows whose snapshots fall in [{@code from}, {@code to}), by start, 5-hour windows before 7-day ones at the same start. */
    public List<Row> windows(Instant from, Instant to) {
        Map<List<Object>, List<LimitSnapshot>> byWindow = new LinkedHashMap<>();
        for (LimitSnapshot s : store.limitSnapshots(from, to)) {
            byWindow.computeIfAbsent(List.of(s.window(), s.resetsAt()), k -> new ArrayList<>()).add(s);
        }
        Instant now = clock.instant();
        List<Row> rows = new ArrayList<>();
        byWindow.forEach((key, snapshots) -> {
            SessionContext.Window window = (SessionContext.Window) key.get(0);
            Instant resetsAt = (Instant) key.get(1);
            Instant start = resetsAt.minus(length(window));
            Instant end = resetsAt.isBefore(now) ? resetsAt : now;
            List<Use> uses = snapshots.stream().map(s -> new Use(s.at(), s.usedPercent())).toList();
            rows.add(new Row(window, start, resetsAt, uses, end.isAfter(start) ? usage.costBetween(start, end) : 0));
        });
        rows.sort(Comparator.comparing(Row::start).thenComparing(Row::window));
        return rows;
    }

    static Duration length(SessionContext.Window window) {
        return switch (window) {
            case FIVE_HOUR -> Duration.ofHours(5);
            case SEVEN_DAY -> Duration.ofDays(7);
        };
    }
}
