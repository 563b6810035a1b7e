package dev.ccotel.ports.service.report;

import dev.ccotel.domain.context.SessionContext;
import dev.ccotel.ports.in.LimitWindow;
import dev.ccotel.ports.in.ReportLimitsUseCase;
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
public final class LimitsReport implements ReportLimitsUseCase {
    private final ReadUsagePort store;
    private final ReportUsageService usage;
    private final Clock clock;

    public LimitsReport(ReadUsagePort store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.usage = new ReportUsageService(store, clock);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** 5-hour windows come before 7-day ones at the same start. */
    @Override
    public List<LimitWindow> windows(Instant from, Instant to) {
        Map<List<Object>, List<LimitSnapshot>> byWindow = new LinkedHashMap<>();
        for (LimitSnapshot s : store.limitSnapshots(from, to)) {
            byWindow.computeIfAbsent(List.of(s.window(), s.resetsAt()), k -> new ArrayList<>()).add(s);
        }
        Instant now = clock.instant();
        List<LimitWindow> rows = new ArrayList<>();
        byWindow.forEach((key, snapshots) -> {
            SessionContext.Window window = (SessionContext.Window) key.get(0);
            Instant resetsAt = (Instant) key.get(1);
            Instant start = resetsAt.minus(length(window));
            Instant end = resetsAt.isBefore(now) ? resetsAt : now;
            List<LimitWindow.Use> uses = snapshots.stream().map(s -> new LimitWindow.Use(s.at(), s.usedPercent())).toList();
            rows.add(new LimitWindow(window, start, resetsAt, uses, end.isAfter(start) ? usage.costBetween(start, end) : 0));
        });
        rows.sort(Comparator.comparing(LimitWindow::start).thenComparing(LimitWindow::window));
        return rows;
    }

    static Duration length(SessionContext.Window window) {
        return switch (window) {
            case FIVE_HOUR -> Duration.ofHours(5);
            case SEVEN_DAY -> Duration.ofDays(7);
        };
    }
}
