package dev.ccotel.domain;

import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.MetricPoint;
import dev.ccotel.domain.model.Session;
import dev.ccotel.domain.model.SessionIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What ccotel knows of one session between exports: identity, a stable start, running totals
 * ({@link RunningTotals}), the cumulative baselines and the delta windows and event ids already
 * counted. A fold works on a {@link #copy()}, so a state is only replaced once what it produced was
 * kept; {@link #encode()} and {@link #decode(byte[])} ({@link SessionStateCodec}) let a store carry
 * it across restarts. Not thread-safe: one export folds one state at a time.
 */
public final class SessionState {
    /** Bounds per session, so that a hostile or buggy client cannot grow one session without limit. */
    static final int MAX_SERIES = 1_024;
    static final int MAX_REMEMBERED_EVENTS = 4_096;

    final String sessionId;
    SessionIdentity identity = SessionIdentity.EMPTY;
    String project = "";
    Instant startedAt;
    Instant lastSeen;
    /** When this state was first folded; see {@link SessionFold} for why it matters. */
    Instant createdAt;

    final RunningTotals totals = new RunningTotals();

    final Map<String, SeriesState> series = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SeriesState> eldest) {
            return size() > MAX_SERIES;
        }
    };

    /**
     * Events already counted, so that a retried export does not count them twice. Kept as 64 bits of
     * each (name-based UUID) id: 8 bytes an event whatever the id's length.
     */
    final Set<Long> countedEvents = new LinkedHashSet<>();

    SessionState(String sessionId) {
        this.sessionId = sessionId;
    }

    public String sessionId() {
        return sessionId;
    }

    /** When this state was last folded; a store uses it to forget idle sessions. */
    public Instant lastSeen() {
        return lastSeen;
    }

    void count(Event event) {
        if (!countedEvents.add(eventKey(event.eventId()))) {
            return;
        }
        if (countedEvents.size() > MAX_REMEMBERED_EVENTS) {
            countedEvents.remove(countedEvents.iterator().next());
        }
        totals.count(event);
    }

    /** See {@link RunningTotals#canCount}. */
    boolean canCount(MetricPoint point) {
        return totals.canCount(point);
    }

    void count(MetricPoint point) {
        totals.count(point);
    }

    Session snapshot(Instant fallbackStart) {
        return new Session(sessionId, identity, startedAt != null ? startedAt : fallbackStart, totals.snapshot());
    }

    /** 64 bits of an event id: the UUID's halves folded together, or a hash of any other text. */
    private static long eventKey(String eventId) {
        try {
            UUID uuid = UUID.fromString(eventId);
            return uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
        } catch (IllegalArgumentException notAUuid) {
            return Ids.nameUuid(eventId.getBytes(StandardCharsets.UTF_8)).getLeastSignificantBits();
        }
    }

    /**
     * An independent copy: folding into it leaves this state as it was. Field by field: through
     * {@link #encode()} and {@link #decode} it was half the allocation of mapping an export, and
     * grew with the events a session remembers. {@code SessionStateCodecTest} checks that both
     * give the same bytes.
     */
    public SessionState copy() {
        SessionState c = new SessionState(sessionId);
        c.identity = identity;
        c.project = project;
        c.startedAt = startedAt;
        c.lastSeen = lastSeen;
        c.createdAt = createdAt;
        c.totals.set(totals);
        c.countedEvents.addAll(countedEvents);
        for (Map.Entry<String, SeriesState> e : series.entrySet()) {
            c.series.put(e.getKey(), e.getValue().copy());
        }
        return c;
    }

    /** A compact binary form of the whole state, for a store; read back with {@link #decode}. */
    public byte[] encode() {
        return SessionStateCodec.encode(this);
    }

    /** @throws IllegalArgumentException when {@code bytes} is not a state this version wrote */
    public static SessionState decode(byte[] bytes) {
        return SessionStateCodec.decode(bytes);
    }

    /** What the ledger knows of one metric series. */
    static final class SeriesState {
        /** Delta windows remembered per series: enough for retries and exports that overtake each other. */
        static final int RECENT_DELTA_WINDOWS = 8;

        long startNanos;
        long lastTimeNanos;
        double lastValue;
        double lastDelta;
        /** The delta windows counted most recently, as (start, time) pairs; allocated on first use. */
        long[] recentWindows;
        int recentCount;
        int recentNext;

        /**
         * A retried delta point: its window was counted already, or it is older than every window
         * remembered (then it cannot be told apart from a retry, and is not counted). A window that
         * merely arrives after a later one is not a retry.
         */
        boolean isDeltaReplay(long start, long time) {
            if (recentWindows == null) {
                return false;
            }
            boolean olderThanAll = true;
            for (int i = 0; i < recentCount; i++) {
                if (recentWindows[2 * i] == start && recentWindows[2 * i + 1] == time) {
                    return true;
                }
                if (Long.compareUnsigned(time, recentWindows[2 * i + 1]) > 0) {
                    olderThanAll = false;
                }
            }
            return recentCount == RECENT_DELTA_WINDOWS && olderThanAll;
        }

        SeriesState copy() {
            SeriesState c = new SeriesState();
            c.startNanos = startNanos;
            c.lastTimeNanos = lastTimeNanos;
            c.lastValue = lastValue;
            c.lastDelta = lastDelta;
            c.recentWindows = recentWindows == null ? null : recentWindows.clone();
            c.recentCount = recentCount;
            c.recentNext = recentNext;
            return c;
        }

        void countDeltaWindow(long start, long time) {
            if (recentWindows == null) {
                recentWindows = new long[2 * RECENT_DELTA_WINDOWS];
            }
            recentWindows[2 * recentNext] = start;
            recentWindows[2 * recentNext + 1] = time;
            recentNext = (recentNext + 1) % RECENT_DELTA_WINDOWS;
            recentCount = Math.min(RECENT_DELTA_WINDOWS, recentCount + 1);
            if (Long.compareUnsigned(time, lastTimeNanos) > 0) {
                lastTimeNanos = time;
            }
        }
    }
}