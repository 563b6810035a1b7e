package dev.ccotel.domain;

import dev.ccotel.domain.model.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Session states kept in memory: what {@code inspect}, passthrough mode and a backend using the
 * domain jar on its own remember of each session across exports. Bounded in sessions (least
 * recently seen evicted first) and in idle time; thread-safe; its only time source is the
 * injected clock. The folding itself is {@link OtlpMapper#fold}; a durable store can stand in
 * for this class, since states are only read ({@link #states}) and replaced ({@link #save}).
 */
public final class SessionLedger {
    public static final int DEFAULT_MAX_SESSIONS = 10_000;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(24);

    private final Clock clock;
    private final int maxSessions;
    private final Duration idleTimeout;
    private final Instant trustedSince;
    private final LinkedHashMap<String, SessionState> sessions = new LinkedHashMap<>(64, 0.75f, true);

    public SessionLedger(Clock clock, int maxSessions, Duration idleTimeout) {
        this(clock, maxSessions, idleTimeout, clock.instant());
    }

    public SessionLedger(Clock clock) {
        this(clock, DEFAULT_MAX_SESSIONS, DEFAULT_IDLE_TIMEOUT);
    }

    private SessionLedger(Clock clock, int maxSessions, Duration idleTimeout, Instant trustedSince) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1: " + maxSessions);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
        }
        this.maxSessions = maxSessions;
        this.idleTimeout = idleTimeout;
        this.trustedSince = trustedSince;
    }

    /**
     * A ledger for replaying saved exports from the start of their sessions (as {@code inspect}
     * does): every cumulative series is taken to be seen from its first point.
     */
    public static SessionLedger forReplay(Clock clock) {
        return new SessionLedger(clock, DEFAULT_MAX_SESSIONS, DEFAULT_IDLE_TIMEOUT, Instant.MIN);
    }

    public synchronized int size() {
        return sessions.size();
    }

    /** The session as last reported, if the ledger still holds it. */
    public synchronized Optional<Session> session(String sessionId) {
        SessionState state = sessions.get(sessionId);
        return state == null ? Optional.empty() : Optional.of(state.snapshot(state.lastSeen));
    }

    public Clock clock() {
        return clock;
    }

    /** Since when this ledger has kept state: cumulative series that started earlier may be known elsewhere. */
    public Instant trustedSince() {
        return trustedSince;
    }

    /** Copies of the states held for these sessions; unknown sessions are absent. */
    public synchronized Map<String, SessionState> states(Collection<String> sessionIds) {
        evictIdle(clock.instant());
        Map<String, SessionState> found = new HashMap<>();
        for (String id : sessionIds) {
            SessionState state = sessions.get(id);
            if (state != null) {
                found.put(id, state.copy());
            }
        }
        return found;
    }

    /** Replaces (or adds) these states, evicting the least recently seen beyond the bound. */
    public synchronized void save(Collection<SessionState> states) {
        for (SessionState state : states) {
            sessions.put(state.sessionId, state);
        }
        Iterator<SessionState> eldest = sessions.values().iterator();
        while (sessions.size() > maxSessions) {
            eldest.next();
            eldest.remove();
        }
    }

    private void evictIdle(Instant now) {
        Instant cutoff = now.minus(idleTimeout);
        Iterator<Map.Entry<String, SessionState>> it = sessions.entrySet().iterator();
        while (it.hasNext()) {
            if (!it.next().getValue().lastSeen.isBefore(cutoff)) {
                return; // access order: everything after this was seen more recently
            }
            it.remove();
        }
    }
}
