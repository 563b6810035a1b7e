package dev.ccotel.ports.in;

import dev.ccotel.domain.context.SessionContext;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One limit window: its start (its reset time less its length), its use over time, and what was spent in it.
 *
 * @param uses the snapshots' use, oldest first; never empty
 * @param costUsd spent from the window's start to its reset (or now, for a window still running)
 */
public record LimitWindow(SessionContext.Window window, Instant start, Instant resetsAt, List<Use> uses,
        double costUsd) {
    public LimitWindow {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(resetsAt, "resetsAt");
        uses = List.copyOf(uses);
        if (uses.isEmpty()) {
            throw new IllegalArgumentException("a window is known from at least one snapshot");
        }
    }

    public double peakPercent() {
        return uses.stream().mapToDouble(Use::usedPercent).max().orElse(0);
    }

    public double lastPercent() {
        return uses.getLast().usedPercent();
    }

    /** The use at one moment. */
    public record Use(Instant at, double usedPercent) {}
}
