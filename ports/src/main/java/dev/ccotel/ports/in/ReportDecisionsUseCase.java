package dev.ccotel.ports.in;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.SortedMap;

/** Tool decisions per day and outcome, for the dashboard. */
public interface ReportDecisionsUseCase {

    /** Per day of {@code zone} in [{@code since}, {@code until}], the count per outcome ({@code accept}, {@code reject}). */
    SortedMap<LocalDate, Map<String, Long>> perDay(LocalDate since, LocalDate until, ZoneId zone);
}
