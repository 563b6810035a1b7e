package dev.ccotel.adapter.sqlite;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A failure that repeats on every export is logged once a minute with how often it happened since,
 * and its end once: a full disk must not write thousands of lines to the journal.
 */
final class RateLimitedLog {
    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final Logger log;
    private final Clock clock;
    private Instant lastWarning;
    private long suppressed;
    private boolean failing;

    RateLimitedLog(Logger log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    synchronized void warn(String message) {
        log(Level.WARNING, message);
    }

    /** {@link #warn} at ERROR: for a store that takes nothing more until a person acts. */
    synchronized void error(String message) {
        log(Level.ERROR, message);
    }

    private void log(Level level, String message) {
        failing = true;
        Instant now = clock.instant();
        if (lastWarning != null && Duration.between(lastWarning, now).compareTo(INTERVAL) < 0) {
            suppressed++;
            return;
        }
        String repeats = suppressed == 0 ? "" : " (" + suppressed + " more time(s) since the last warning)";
        log.log(level, message + repeats);
        lastWarning = now;
        suppressed = 0;
    }

    synchronized void recovered(String message) {
        if (!failing) {
            return;
        }
        failing = false;
        lastWarning = null;
        String repeats = suppressed == 0 ? "" : " (" + suppressed + " more failure(s) since the last warning)";
        suppressed = 0;
        log.log(Level.INFO, message + repeats);
    }
}
