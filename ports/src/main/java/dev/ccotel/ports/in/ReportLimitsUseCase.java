package dev.ccotel.ports.in;

import java.time.Instant;
import java.util.List;

/** The plan's limit windows the statusline saw: their use over time and what was spent in each. */
public interface ReportLimitsUseCase {

    /** The windows whose snapshots fall in [{@code from}, {@code to}), by start. */
    List<LimitWindow> windows(Instant from, Instant to);
}
