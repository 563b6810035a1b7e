package dev.ccotel.domain;

import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.EventType;
import dev.ccotel.domain.model.MetricPoint;
import dev.ccotel.domain.model.Session;
import dev.ccotel.domain.model.SessionIdentity;
import dev.ccotel.domain.model.SessionTotals;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What ccotel knows of one session between exports: identity, a stable start, running totals, the
 * cumulative baselines and the delta windows and event ids already counted. A fold works on a
 * {@link #copy()}, so a state is only replaced once what it produced was kept; {@link #encode()}
 * and {@link #decode(byte[])} let a store carry it across restarts. Not thread-safe: one export
 * folds one state at a time.
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

    private long prompts;
    private long toolCalls;
    private long apiRequests;
    private double costUsd;
    private double inputTokens;
    private double outputTokens;
    private double cacheReadTokens;
    private double cacheCreationTokens;
    private double linesAdded;
    private double linesRemoved;
    private double commits;
    private double pullRequests;
    private double activeSeconds;

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
    private final Set<Long> countedEvents = new LinkedHashSet<>();

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
        if (event.is(EventType.USER_PROMPT)) {
            prompts++;
        } else if (event.is(EventType.TOOL_RESULT)) {
            toolCalls++;
        } else if (event.is(EventType.API_REQUEST)) {
            apiRequests++;
        }
    }

    /**
     * Whether counting {@code point} keeps every total a finite number that never goes down: every
     * Claude Code metric is a counter, so a negative delta or one that overflows is out of range.
     */
    boolean canCount(MetricPoint point) {
        double v = point.value();
        if (v < 0 || !Double.isFinite(v)) {
            return false;
        }
        // Cost and active time are sent as decimals; the other totals as whole numbers (so: below 2^63).
        return switch (point.metricType()) {
            case COST_USAGE -> Double.isFinite(costUsd + v);
            case ACTIVE_TIME_TOTAL -> Double.isFinite(activeSeconds + v);
            case TOKEN_USAGE -> Math.max(Math.max(inputTokens, outputTokens), Math.max(cacheReadTokens,
                    cacheCreationTokens)) + v < Long.MAX_VALUE;
            case LINES_OF_CODE_COUNT -> Math.max(linesAdded, linesRemoved) + v < Long.MAX_VALUE;
            case COMMIT_COUNT -> commits + v < Long.MAX_VALUE;
            case PULL_REQUEST_COUNT -> pullRequests + v < Long.MAX_VALUE;
            case SESSION_COUNT, CODE_EDIT_TOOL_DECISION -> true;
        };
    }

    void count(MetricPoint point) {
        double v = point.value();
        switch (point.metricType()) {
            case COST_USAGE -> costUsd += v;
            case TOKEN_USAGE -> {
                switch (point.tokenType()) {
                    case "input" -> inputTokens += v;
                    case "output" -> outputTokens += v;
                    case "cacheRead" -> cacheReadTokens += v;
                    case "cacheCreation" -> cacheCreationTokens += v;
                    default -> { } // a token type Claude Code may add later: forwarded, not totalled
                }
            }
            case LINES_OF_CODE_COUNT -> {
                if (point.linesType().equals("added")) {
                    linesAdded += v;
                } else if (point.linesType().equals("removed")) {
                    linesRemoved += v;
                }
            }
            case COMMIT_COUNT -> commits += v;
            case PULL_REQUEST_COUNT -> pullRequests += v;
            case ACTIVE_TIME_TOTAL -> activeSeconds += v;
            case SESSION_COUNT, CODE_EDIT_TOOL_DECISION -> { } // forwarded as metrics; no session total
        }
    }

    Session snapshot(Instant fallbackStart) {
        return new Session(sessionId, identity, startedAt != null ? startedAt : fallbackStart,
                new SessionTotals(prompts, toolCalls, apiRequests, costUsd, Math.round(inputTokens),
                        Math.round(outputTokens), Math.round(cacheReadTokens), Math.round(cacheCreationTokens),
                        Math.round(linesAdded), Math.round(linesRemoved), Math.round(commits),
                        Math.round(pullRequests), activeSeconds));
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
        c.prompts = prompts;
        c.toolCalls = toolCalls;
        c.apiRequests = apiRequests;
        c.costUsd = costUsd;
        c.inputTokens = inputTokens;
        c.outputTokens = outputTokens;
        c.cacheReadTokens = cacheReadTokens;
        c.cacheCreationTokens = cacheCreationTokens;
        c.linesAdded = linesAdded;
        c.linesRemoved = linesRemoved;
        c.commits = commits;
        c.pullRequests = pullRequests;
        c.activeSeconds = activeSeconds;
        c.countedEvents.addAll(countedEvents);
        for (Map.Entry<String, SeriesState> e : series.entrySet()) {
            c.series.put(e.getKey(), e.getValue().copy());
        }
        return c;
    }

    /** Format version of {@link #encode()}; {@link #decode} refuses any other. */
    private static final byte CODEC_VERSION = 1;

    /** A compact binary form of the whole state, for a store; read back with {@link #decode}. */
    public byte[] encode() {
        Writer w = new Writer();
        w.buf.put(CODEC_VERSION);
        w.string(sessionId);
        SessionIdentity id = identity;
        for (String part : new String[] {id.appVersion(), id.organizationId(), id.userAccountUuid(), id.userId(),
                id.terminalType(), id.serviceVersion(), id.osType(), id.osVersion(), id.hostArch(), project}) {
            w.string(part);
        }
        w.instant(startedAt);
        w.instant(lastSeen);
        w.instant(createdAt);
        w.longs(prompts, toolCalls, apiRequests);
        w.doubles(costUsd, inputTokens, outputTokens, cacheReadTokens, cacheCreationTokens, linesAdded, linesRemoved,
                commits, pullRequests, activeSeconds);
        w.ensure(4 + 8 * countedEvents.size());
        w.buf.putInt(countedEvents.size());
        for (long key : countedEvents) {
            w.buf.putLong(key);
        }
        w.ensure(4);
        w.buf.putInt(series.size());
        for (Map.Entry<String, SeriesState> e : series.entrySet()) {
            w.string(e.getKey());
            e.getValue().write(w);
        }
        return Arrays.copyOf(w.buf.array(), w.buf.position());
    }

    /** @throws IllegalArgumentException when {@code bytes} is not a state this version wrote */
    public static SessionState decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            if (in.get() != CODEC_VERSION) {
                throw new IllegalArgumentException("unknown session state format " + bytes[0]);
            }
            SessionState s = new SessionState(readString(in));
            s.identity = new SessionIdentity(readString(in), readString(in), readString(in), readString(in),
                    readString(in), readString(in), readString(in), readString(in), readString(in));
            s.project = readString(in);
            s.startedAt = readInstant(in);
            s.lastSeen = readInstant(in);
            s.createdAt = readInstant(in);
            s.prompts = in.getLong();
            s.toolCalls = in.getLong();
            s.apiRequests = in.getLong();
            s.costUsd = in.getDouble();
            s.inputTokens = in.getDouble();
            s.outputTokens = in.getDouble();
            s.cacheReadTokens = in.getDouble();
            s.cacheCreationTokens = in.getDouble();
            s.linesAdded = in.getDouble();
            s.linesRemoved = in.getDouble();
            s.commits = in.getDouble();
            s.pullRequests = in.getDouble();
            s.activeSeconds = in.getDouble();
            int events = in.getInt();
            for (int i = 0; i < events; i++) {
                s.countedEvents.add(in.getLong());
            }
            int seriesCount = in.getInt();
            for (int i = 0; i < seriesCount; i++) {
                s.series.put(readString(in), SeriesState.read(in));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the session state");
            }
            return s;
        } catch (BufferUnderflowException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("truncated session state", e);
        }
    }

    private static String readString(ByteBuffer in) {
        byte[] b = new byte[in.getInt()];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static Instant readInstant(ByteBuffer in) {
        long seconds = in.getLong();
        int nanos = in.getInt();
        return nanos < 0 ? null : Instant.ofEpochSecond(seconds, nanos);
    }

    /** A growing buffer for {@link #encode()}. */
    static final class Writer {
        ByteBuffer buf = ByteBuffer.allocate(256);

        void ensure(int more) {
            if (buf.remaining() < more) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more));
                bigger.put(buf.flip());
                buf = bigger;
            }
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            ensure(4 + b.length);
            buf.putInt(b.length).put(b);
        }

        void instant(Instant t) {
            ensure(12);
            buf.putLong(t == null ? 0 : t.getEpochSecond()).putInt(t == null ? -1 : t.getNano());
        }

        void longs(long... values) {
            ensure(8 * values.length);
            for (long v : values) {
                buf.putLong(v);
            }
        }

        void doubles(double... values) {
            ensure(8 * values.length);
            for (double v : values) {
                buf.putDouble(v);
            }
        }
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
        private long[] recentWindows;
        private int recentCount;
        private int recentNext;

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

        void write(Writer w) {
            w.longs(startNanos, lastTimeNanos);
            w.doubles(lastValue, lastDelta);
            w.ensure(12 + 16 * recentCount);
            w.buf.putInt(recentCount).putInt(recentNext).putInt(recentWindows == null ? 0 : recentWindows.length);
            if (recentWindows != null) {
                w.ensure(8 * recentWindows.length);
                for (long v : recentWindows) {
                    w.buf.putLong(v);
                }
            }
        }

        static SeriesState read(ByteBuffer in) {
            SeriesState s = new SeriesState();
            s.startNanos = in.getLong();
            s.lastTimeNanos = in.getLong();
            s.lastValue = in.getDouble();
            s.lastDelta = in.getDouble();
            s.recentCount = in.getInt();
            s.recentNext = in.getInt();
            int windows = in.getInt();
            if (windows != 0 && windows != 2 * RECENT_DELTA_WINDOWS || s.recentCount > RECENT_DELTA_WINDOWS
                    || s.recentNext < 0 || s.recentNext >= RECENT_DELTA_WINDOWS || s.recentCount < 0) {
                throw new IllegalArgumentException("bad delta windows in session state");
            }
            if (windows > 0) {
                s.recentWindows = new long[windows];
                for (int i = 0; i < windows; i++) {
                    s.recentWindows[i] = in.getLong();
                }
            }
            return s;
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
