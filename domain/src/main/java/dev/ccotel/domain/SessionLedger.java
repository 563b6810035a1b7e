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
 * domain jar on its own remember of each session across exports. Bounded in sessions and in bytes
 * (least recently seen evicted first: states are held encoded, so their size is known exactly) and
 * in idle time; thread-safe; its only time source is the injected clock. The folding itself is
 * {@link ExportFold#fold}; a durable store can stand in for this class, since states are only read
 * ({@link #states}) and replaced ({@link #save}).
 */
public final class SessionLedger {
    public static final int DEFAULT_MAX_SESSIONS = 10_000;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(24);
    /** What all states together may take (one state: 4,096 event keys and 1,024 series of at most 4 KiB each). */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private final Clock clock;
    private final int maxSessions;
    private final Duration idleTimeout;
    private final Instant trustedSince;
    private final long maxBytes;
    private final LinkedHashMap<String, Kept> sessions = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    /** A state as held: encoded, with when it was last seen (for idle eviction without decoding). */
    private record Kept(byte[] state, Instant lastSeen) {}

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
        this.maxBytes = DEFAULT_MAX_BYTES;
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
        Kept kept = sessions.get(sessionId);
        return kept == null ? Optional.empty() : Optional.of(SessionState.decode(kept.state).snapshot(kept.lastSeen));
    }

    /** Bytes the held states take, encoded. */
    public synchronized long bytes() {
        return bytes;
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
            Kept kept = sessions.get(id);
            if (kept != null) {
                found.put(id, SessionState.decode(kept.state));
            }
        }
        return found;
    }

    /** Replaces (or adds) these states, evicting the least recently seen beyond the bounds. */
    public synchronized void save(Collection<SessionState> states) {
        for (SessionState state : states) {
            byte[] encoded = state.encode();
            Kept before = sessions.put(state.sessionId, new Kept(encoded, state.lastSeen));
            bytes += encoded.length - (before == null ? 0 : before.state.length);
        }
        Iterator<Kept> eldest = sessions.values().iterator();
        while (sessions.size() > maxSessions || bytes > maxBytes && sessions.size() > 1) {
            bytes -= eldest.next().state.length;
            eldest.remove();
        }
    }

    private void evictIdle(Instant now) {
        Instant cutoff = now.minus(idleTimeout);
        Iterator<Kept> it = sessions.values().iterator();
        while (it.hasNext()) {
            Kept kept = it.next();
            if (!kept.lastSeen.isBefore(cutoff)) {
                return; // access order: everything after this was seen more recently
            }
            bytes -= kept.state.length;
            it.remove();
        }
    }
}
