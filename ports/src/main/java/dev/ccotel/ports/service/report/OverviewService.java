package dev.ccotel.ports.service.report;

import dev.ccotel.domain.model.Usage;
import dev.ccotel.ports.in.LimitWindow;
import dev.ccotel.ports.in.Overview;
import dev.ccotel.ports.in.OverviewUseCase;
import dev.ccotel.ports.in.ReportLimitsUseCase;
import dev.ccotel.ports.in.ReportUsageUseCase;
import dev.ccotel.ports.in.UsageQuery;
import dev.ccotel.ports.in.UsageReport;
import dev.ccotel.ports.service.statusline.Budgets;
import dev.ccotel.ports.service.statusline.Spend;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Today, this week (from Monday) and this month, each the totals of {@code report daily} over those days. */
public final class OverviewService implements OverviewUseCase {
    private final ReportUsageUseCase reports;
    private final ReportLimitsUseCase limits;
    private final Budgets budgets;
    private final Clock clock;
    private final ZoneId zone;

    public OverviewService(ReportUsageUseCase reports, ReportLimitsUseCase limits, Budgets budgets, Clock clock,
            ZoneId zone) {
        this.reports = Objects.requireNonNull(reports, "reports");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public Overview overview() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        Usage day = report(today, today).totals();
        Usage week = report(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), today).totals();
        UsageReport month = report(today.withDayOfMonth(1), today);
        Optional<Overview.Budget> budget = Optional.empty();
        if (budgets.any()) {
            Spend spend = Spend.of(month, clock, zone); // the month's daily report, read above
            Budgets.Level level = worst(Budgets.Level.of(spend.todayUsd(), budgets.dailyUsd()),
                    Budgets.Level.of(spend.forecastMonthUsd(), budgets.monthlyUsd()));
            budget = Optional.of(new Overview.Budget(budgets.dailyUsd(), budgets.monthlyUsd(), budgets.sessionUsd(),
                    spend.todayUsd(), spend.monthUsd(), spend.forecastMonthUsd(),
                    level.name().toLowerCase(java.util.Locale.ROOT)));
        }
        // a 7-day window started up to a week ago: its snapshots are in the last eight days
        List<Overview.LatestLimit> latest = limits.windows(now.minus(Duration.ofDays(8)), now.plusSeconds(60)).stream()
                .filter(w -> w.resetsAt().isAfter(now))
                .collect(java.util.stream.Collectors.toMap(LimitWindow::window, w -> w,
                        (a, b) -> a.uses().getLast().at().isAfter(b.uses().getLast().at()) ? a : b))
                .values().stream().sorted(Comparator.comparing(LimitWindow::window)).map(Overview.LatestLimit::new)
                .toList();
        return new Overview(now, zone, today, day, week, month.totals(), budget, latest, month.costSources());
    }

    private UsageReport report(LocalDate since, LocalDate until) {
        return reports.report(new UsageQuery(UsageQuery.Grouping.DAILY, Optional.of(since), Optional.of(until), zone,
                Optional.empty(), false));
    }

    private static Budgets.Level worst(Budgets.Level a, Budgets.Level b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
