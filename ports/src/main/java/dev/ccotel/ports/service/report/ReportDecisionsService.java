package dev.ccotel.ports.service.report;

import dev.ccotel.ports.in.ReportDecisionsUseCase;
import dev.ccotel.ports.model.DecisionCount;
import dev.ccotel.ports.out.ReadUsagePort;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** Sums the store's quarter-hour decision counts into days of the asked zone. */
public final class ReportDecisionsService implements ReportDecisionsUseCase {
    private final ReadUsagePort store;

    public ReportDecisionsService(ReadUsagePort store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public SortedMap<LocalDate, Map<String, Long>> perDay(LocalDate since, LocalDate until, ZoneId zone) {
        SortedMap<LocalDate, Map<String, Long>> days = new TreeMap<>();
        for (DecisionCount c : store.decisions(since.atStartOfDay(zone).toInstant(),
                until.plusDays(1).atStartOfDay(zone).toInstant())) {
            days.computeIfAbsent(LocalDate.ofInstant(c.quarter(), zone), d -> new TreeMap<>())
                    .merge(c.decision().isEmpty() ? "unknown" : c.decision(), c.count(), Long::sum);
        }
        return days;
    }
}
