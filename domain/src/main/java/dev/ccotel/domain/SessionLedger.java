package dev.ccotel.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Per-session state across exports: start time, running totals, cumulative series. Thread-safe. */
public final class SessionLedger {
    public static final int DEFAULT_MAX_SESSIONS = 10_000;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(24);

    private final Clock clock;
    private final int maxSessions;
    private final Duration idleTimeout;

    public SessionLedger(Clock clock, int maxSessions, Duration idleTimeout) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxSessions = maxSessions;
        this.idleTimeout = idleTimeout;
    }

    public SessionLedger(Clock clock) {
        this(clock, DEFAULT_MAX_SESSIONS, DEFAULT_IDLE_TIMEOUT);
    }

    public int size() {
        return 0;
    }
}
