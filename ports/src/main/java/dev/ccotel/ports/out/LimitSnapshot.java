package dev.ccotel.ports.out;

import dev.ccotel.domain.context.SessionContext;
import java.time.Instant;
import java.util.Objects;

/** One kept snapshot of a limit window's use (kept when the use or the reset time changed). */
public record LimitSnapshot(SessionContext.Window window, Instant at, double usedPercent, Instant resetsAt) {
    public LimitSnapshot {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(resetsAt, "resetsAt");
    }
}
