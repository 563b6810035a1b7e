package dev.ccotel.domain;

import dev.ccotel.domain.SessionState.SeriesState;
import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.MetricPoint;
import dev.ccotel.domain.model.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What ccotel remembers of each session across exports: a stable start time, running totals, and
 * the state that turns cumulative series into deltas. Bounded in sessions (least recently seen
 * evicted first) and in idle time; thread-safe; its only time source is the injected clock.
 *
 * <p>Cumulative series: a point whose start time differs from the last one seen, or whose value
 * dropped, starts a new count, and its whole value is forwarded. The first point of a series whose
 * start lies before the ledger was created is only taken as the baseline: its total may already
 * have been forwarded by a previous run of the daemon, and forwarding it again would double it.
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

    Clock clock() {
        return clock;
    }

    /** Folds one export's share of a session into the ledger. */
    synchronized Applied apply(SessionGroup group) {
        Instant now = clock.instant();
        SessionState state = touch(group.sessionId, now);
        state.identity = state.identity.updatedBy(group.identity);
        if (!group.project.isEmpty()) {
            state.project = group.project;
        }
        state.startedAt = Times.earlier(state.startedAt, group.earliest);
        for (Event event : group.events) {
            state.count(event);
        }
        Applied applied = new Applied(state.snapshot(now), state.project.isEmpty() ? "unknown" : state.project);
        for (RawPoint point : group.points) {
            convert(state, point, applied);
        }
        // The totals changed with the points: take the snapshot again so the request carries them.
        return applied.withSession(state.snapshot(now));
    }

    private SessionState touch(String sessionId, Instant now) {
        evictIdle(now);
        SessionState state = sessions.get(sessionId);
        if (state == null) {
            state = new SessionState(sessionId);
            sessions.put(sessionId, state);
            if (sessions.size() > maxSessions) {
                Iterator<SessionState> eldest = sessions.values().iterator();
                eldest.next();
                eldest.remove();
            }
        }
        state.lastSeen = now;
        return state;
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

    private void convert(SessionState state, RawPoint p, Applied out) {
        SeriesState series = state.series.get(p.seriesKey());
        if (!p.cumulative()) {
            // A delta point whose window was counted already is a retried export: forward it again
            // (same id, so the backend can drop it) but do not count it twice. An earlier window
            // that arrives late (exports overtaking each other) is counted.
            boolean replay = series != null && series.isDeltaReplay(p.startNanos(), p.timeNanos());
            if (series == null) {
                series = new SeriesState();
                state.series.put(p.seriesKey(), series);
            }
            MetricPoint point = p.withValue(p.value());
            out.points.add(point);
            if (!replay) {
                series.countDeltaWindow(p.startNanos(), p.timeNanos());
                state.count(point);
            }
            return;
        }
        if (series == null || series.startNanos != p.startNanos()) {
            boolean firstSight = series == null;
            series = new SeriesState();
            series.startNanos = p.startNanos();
            state.series.put(p.seriesKey(), series);
            if (firstSight && startedBeforeTrust(p)) {
                remember(series, p, 0);
                out.baselines++;
                return;
            }
            emit(state, series, p, p.value(), true, out);
            return;
        }
        int order = Long.compareUnsigned(p.timeNanos(), series.lastTimeNanos);
        if (order < 0 || (order == 0 && p.value() != series.lastValue)) {
            out.stale++;
        } else if (order == 0) {
            if (series.lastDelta != 0) {
                out.points.add(p.withValue(series.lastDelta)); // a retried export: same id, not counted again
            }
        } else if (p.value() < series.lastValue) {
            emit(state, series, p, p.value(), true, out); // the counter was reset
        } else {
            emit(state, series, p, p.value() - series.lastValue, false, out);
        }
    }

    private void emit(SessionState state, SeriesState series, RawPoint p, double delta, boolean newCount, Applied out) {
        remember(series, p, delta);
        if (delta == 0 && !newCount) {
            return; // unchanged since the last export: a delta exporter would send nothing either
        }
        MetricPoint point = p.withValue(delta);
        out.points.add(point);
        state.count(point);
    }

    private static void remember(SeriesState series, RawPoint p, double delta) {
        series.lastTimeNanos = p.timeNanos();
        series.lastValue = p.value();
        series.lastDelta = delta;
    }

    private boolean startedBeforeTrust(RawPoint p) {
        return p.startNanos() == 0 || Times.fromUnixNanos(p.startNanos()).isBefore(trustedSince);
    }

    /** The result of folding one group in: the session as it now stands and the forwarded points. */
    static final class Applied {
        Session session;
        final String project;
        final List<MetricPoint> points = new ArrayList<>();
        long stale;
        long baselines;

        Applied(Session session, String project) {
            this.session = session;
            this.project = project;
        }

        Applied withSession(Session updated) {
            this.session = updated;
            return this;
        }
    }
}
