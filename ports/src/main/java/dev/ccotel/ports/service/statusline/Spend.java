package dev.ccotel.ports.service.statusline;

import dev.ccotel.ports.in.ReportUsageUseCase;
import dev.ccotel.ports.in.UsageQuery;
import dev.ccotel.ports.in.UsageReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What was spent today and this month (in the user's zone), the same figures as {@code report daily},
 * and the month's end at this pace.
 *
 * @param forecastMonthUsd this month's spend so far, spread over the whole month at the pace of the days gone
 */
public record Spend(LocalDate day, double todayUsd, double monthUsd, double forecastMonthUsd) {

    /** The month's rows of the daily report, read once. */
    public static Spend of(ReportUsageUseCase usage, Clock clock, ZoneId zone) {
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        LocalDate first = today.withDayOfMonth(1);
        return of(usage.report(new UsageQuery(UsageQuery.Grouping.DAILY, Optional.of(first), Optional.of(today), zone,
                Optional.empty(), false)), clock, zone);
    }

    /** From the month's daily report already read: its rows from the 1st of the month to today. */
    public static Spend of(UsageReport month, Clock clock, ZoneId zone) {
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        LocalDate first = today.withDayOfMonth(1);
        double todayUsd = month.rows().stream().filter(r -> r.key().equals(today.toString()))
                .mapToDouble(r -> r.usage().costUsd()).sum();
        double monthUsd = month.totals().costUsd();
        return new Spend(today, todayUsd, monthUsd, forecast(monthUsd, first.atStartOfDay(zone).toInstant(),
                clock.instant(), YearMonth.from(today).lengthOfMonth()));
    }

    /** At least a day counts as gone, so that the first hours of a month do not forecast a fortune. */
    static double forecast(double spent, Instant monthStart, Instant now, int daysInMonth) {
        double daysGone = Math.max(1, Duration.between(monthStart, now).toMillis() / 86_400_000.0);
        return spent <= 0 ? 0 : spent * daysInMonth / Math.min(daysGone, daysInMonth);
    }
}
