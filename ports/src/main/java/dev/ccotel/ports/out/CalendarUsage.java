package dev.ccotel.ports.out;

import dev.ccotel.domain.model.CostSource;
import dev.ccotel.domain.model.Usage;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A window's usage by day, week or month, summed by the store itself by the rules every report counts by
 * (see {@code ReportUsageUseCase}): each session's figures from one source, its cost and tokens from its
 * metrics where it has them and from its api_request events otherwise, and only sessions of work counted.
 * What a report of days reads in place of the slices, which it would otherwise add up one by one.
 *
 * @param cells what the sessions did in a period with one model, or with none (prompts, lines of code); a
 *     period and model may come more than once (telemetry's sessions and imported ones), to be added up
 * @param sessions the sessions of work, per period and per source, and of the whole window
 */
public record CalendarUsage(List<Cell> cells, List<Sessions> sessions) {
    public CalendarUsage {
        cells = List.copyOf(cells);
        sessions = List.copyOf(sessions);
    }

    /** Days, weeks (from Monday) or months, in the report's time zone. */
    public enum Period {
        DAY, WEEK, MONTH
    }

    /**
     * @param period the period's first day
     * @param model the model, or empty for what has none
     * @param priced tokens and cost, from the source counted for each session
     */
    public record Cell(LocalDate period, String model, UsageSlice.Priced priced, Usage.Activity activity,
            Usage.CodeChanges code, double activeSeconds) {
        public Cell {
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(priced, "priced");
            Objects.requireNonNull(activity, "activity");
            Objects.requireNonNull(code, "code");
        }
    }

    /**
     * @param period the period's first day; empty for the whole window (a session of two periods counts once there)
     * @param source where these sessions' cost comes from
     * @param count how many sessions of work
     */
    public record Sessions(Optional<LocalDate> period, CostSource source, long count) {
        public Sessions {
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(source, "source");
        }
    }
}
