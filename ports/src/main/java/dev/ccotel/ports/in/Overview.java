package dev.ccotel.ports.in;

import dev.ccotel.domain.model.CostSource;
import dev.ccotel.domain.model.Usage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The dashboard's first look: today, this week and this month as the reports count them, spend
 * against the budgets, and the limit windows' latest use.
 *
 * @param today the day in {@code zone}
 * @param limits each window's latest snapshot, for windows that have not started anew since
 * @param costSources how many of this month's sessions have their cost from each source (telemetry, a
 *     transcript's own figure, an estimate)
 */
public record Overview(Instant generatedAt, ZoneId zone, LocalDate today, Usage day, Usage week, Usage month,
        Optional<Budget> budget, List<LatestLimit> limits, Map<CostSource, Long> costSources) {
    public Overview {
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(week, "week");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(budget, "budget");
        limits = List.copyOf(limits);
        costSources = Map.copyOf(costSources);
    }

    /**
     * Spend against the budgets that are set.
     *
     * @param level {@code under}, {@code near} (from 80 %) or {@code over} (from 100 %): the worst of today's
     *     and the month's forecast
     */
    public record Budget(OptionalDouble dailyUsd, OptionalDouble monthlyUsd, OptionalDouble sessionUsd, double todayUsd,
            double monthUsd, double forecastMonthUsd, String level) {}

    /** A window's latest use. */
    public record LatestLimit(LimitWindow window) {}
}
