package dev.ccotel.adapter.httpin.listener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One warning a minute at most, saying how many more there were since the last one. What is warned
 * about here (refused requests, refused connections) is what a hostile page or a flood makes by the
 * thousand: one line each would let it fill the log, as 1,000 unthrottled warnings once did.
 */
final class PacedWarning {
    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final System.Logger log;
    private final Clock clock;
    private Instant last;
    private long suppressed;
    private long seen;

    PacedWarning(System.Logger log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Logs {@code message} unless a warning went out less than a minute ago, in which case it is counted. */
    synchronized void warn(String message) {
        seen++;
        Instant now = clock.instant();
        if (last != null && now.isBefore(last.plus(INTERVAL))) {
            suppressed++;
            return;
        }
        String more = suppressed == 0 ? "" : " (and " + suppressed + " more since the last such warning)";
        last = now;
        suppressed = 0;
        log.log(System.Logger.Level.WARNING, message + more);
    }

    /** Occurrences so far, warned about or not. */
    synchronized long seen() {
        return seen;
    }
}
