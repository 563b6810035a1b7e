package dev.ccotel.domain;

import dev.ccotel.domain.SessionState.SeriesState;
import dev.ccotel.domain.model.SessionIdentity;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The binary form of a {@link SessionState}, for a store to carry it across restarts: the one place
 * that knows the byte layout, kept beside the state it writes. The layout is pinned by
 * {@code SessionStateCodecTest}; changing it means a new version and reading the old ones.
 *
 * <p>Version 1 is the layout below. Version 2, written since 2026-12-07, is a version-1 state
 * deflated ({@link Deflater}, fastest level) behind its own version byte: a state repeats each data
 * series' whole attribute set in the series' key, so it shrinks to about a fifth (3.3 KB to 0.64 KB on a
 * generated year), which was 40% of a year's store. Both are read.
 */
final class SessionStateCodec {
    /** The plain layout; read still, and the inside of {@link #DEFLATED}. */
    private static final byte VERSION = 1;
    /** What {@link #encode} writes: {@link #VERSION}'s bytes, deflated, after this byte. */
    private static final byte DEFLATED = 2;
    /** Far above any state the bounds allow (sessions' series and events are bounded); a guard against a bomb. */
    private static final int LARGEST_STATE = 16 * 1024 * 1024;

    private SessionStateCodec() {
    }

    static byte[] encode(SessionState state) {
        return deflate(plain(state));
    }

    /** Version 1, as written before 2026-12-07 (stores hold it still); for the test that reads it. */
    static byte[] plain(SessionState state) {
        Writer w = new Writer();
        w.buf.put(VERSION);
        w.string(state.sessionId);
        SessionIdentity id = state.identity;
        for (String part : new String[] {id.appVersion(), id.organizationId(), id.userAccountUuid(), id.userId(),
                id.terminalType(), id.serviceVersion(), id.osType(), id.osVersion(), id.hostArch(), state.project}) {
            w.string(part);
        }
        w.instant(state.startedAt);
        w.instant(state.lastSeen);
        w.instant(state.createdAt);
        writeTotals(w, state.totals);
        w.ensure(4 + 8 * state.countedEvents.size());
        w.buf.putInt(state.countedEvents.size());
        for (long key : state.countedEvents) {
            w.buf.putLong(key);
        }
        w.ensure(4);
        w.buf.putInt(state.series.size());
        for (Map.Entry<String, SeriesState> e : state.series.entrySet()) {
            w.string(e.getKey());
            writeSeries(w, e.getValue());
        }
        return Arrays.copyOf(w.buf.array(), w.buf.position());
    }

    /** @throws IllegalArgumentException when {@code bytes} is not a state this version or an older one wrote */
    static SessionState decode(byte[] bytes) {
        return decodePlain(bytes.length > 0 && bytes[0] == DEFLATED ? inflate(bytes) : bytes);
    }

    /**
     * A few deflaters and inflaters kept for the next state: each holds a few hundred KB of zlib's native
     * memory, which allocating and freeing per state made cost more than the compression itself.
     */
    private static final int KEPT = 2;
    private static final ArrayBlockingQueue<Deflater> DEFLATERS = new ArrayBlockingQueue<>(KEPT);
    private static final ArrayBlockingQueue<Inflater> INFLATERS = new ArrayBlockingQueue<>(KEPT);

    private static byte[] deflate(byte[] plain) {
        Deflater deflater = DEFLATERS.poll();
        if (deflater == null) {
            deflater = new Deflater(Deflater.BEST_SPEED);
        }
        try {
            deflater.setInput(plain);
            deflater.finish();
            byte[] out = new byte[plain.length + plain.length / 8 + 64]; // room for incompressible bytes too
            out[0] = DEFLATED;
            int length = 1;
            while (!deflater.finished()) {
                if (length == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                length += deflater.deflate(out, length, out.length - length);
            }
            return Arrays.copyOf(out, length);
        } finally {
            deflater.reset();
            if (!DEFLATERS.offer(deflater)) {
                deflater.end();
            }
        }
    }

    private static byte[] inflate(byte[] bytes) {
        Inflater inflater = INFLATERS.poll();
        if (inflater == null) {
            inflater = new Inflater();
        }
        try {
            inflater.setInput(bytes, 1, bytes.length - 1);
            byte[] out = new byte[Math.max(256, bytes.length * 6)];
            int length = 0;
            while (!inflater.finished()) {
                if (length == out.length) {
                    if (out.length >= LARGEST_STATE) {
                        throw new IllegalArgumentException("a session state of more than " + LARGEST_STATE + " bytes");
                    }
                    out = Arrays.copyOf(out, Math.min(LARGEST_STATE, out.length * 2));
                }
                int n = inflater.inflate(out, length, out.length - length);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("truncated session state");
                }
                length += n;
            }
            if (inflater.getRemaining() > 0) {
                throw new IllegalArgumentException(inflater.getRemaining() + " bytes after the session state");
            }
            return Arrays.copyOf(out, length);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("damaged session state: " + e.getMessage(), e);
        } finally {
            inflater.reset();
            if (!INFLATERS.offer(inflater)) {
                inflater.end();
            }
        }
    }

    private static SessionState decodePlain(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            if (in.get() != VERSION) {
                throw new IllegalArgumentException("unknown session state format " + bytes[0]);
            }
            SessionState s = new SessionState(readString(in));
            s.identity = new SessionIdentity(readString(in), readString(in), readString(in), readString(in),
                    readString(in), readString(in), readString(in), readString(in), readString(in));
            s.project = readString(in);
            s.startedAt = readInstant(in);
            s.lastSeen = readInstant(in);
            s.createdAt = readInstant(in);
            readTotals(in, s.totals);
            int events = in.getInt();
            for (int i = 0; i < events; i++) {
                s.countedEvents.add(in.getLong());
            }
            int seriesCount = in.getInt();
            for (int i = 0; i < seriesCount; i++) {
                s.series.put(readString(in), readSeries(in));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the session state");
            }
            return s;
        } catch (BufferUnderflowException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("truncated session state", e);
        }
    }

    /** The three counts as longs, then the ten sums as doubles, in this order. */
    private static void writeTotals(Writer w, RunningTotals t) {
        w.longs(t.prompts, t.toolCalls, t.apiRequests);
        w.doubles(t.costUsd, t.inputTokens, t.outputTokens, t.cacheReadTokens, t.cacheCreationTokens, t.linesAdded,
                t.linesRemoved, t.commits, t.pullRequests, t.activeSeconds);
    }

    private static void readTotals(ByteBuffer in, RunningTotals t) {
        t.prompts = in.getLong();
        t.toolCalls = in.getLong();
        t.apiRequests = in.getLong();
        t.costUsd = in.getDouble();
        t.inputTokens = in.getDouble();
        t.outputTokens = in.getDouble();
        t.cacheReadTokens = in.getDouble();
        t.cacheCreationTokens = in.getDouble();
        t.linesAdded = in.getDouble();
        t.linesRemoved = in.getDouble();
        t.commits = in.getDouble();
        t.pullRequests = in.getDouble();
        t.activeSeconds = in.getDouble();
    }

    private static void writeSeries(Writer w, SeriesState s) {
        w.longs(s.startNanos, s.lastTimeNanos);
        w.doubles(s.lastValue, s.lastDelta);
        w.ensure(12 + 16 * s.recentCount);
        w.buf.putInt(s.recentCount).putInt(s.recentNext).putInt(s.recentWindows == null ? 0 : s.recentWindows.length);
        if (s.recentWindows != null) {
            w.ensure(8 * s.recentWindows.length);
            for (long v : s.recentWindows) {
                w.buf.putLong(v);
            }
        }
    }

    private static SeriesState readSeries(ByteBuffer in) {
        SeriesState s = new SeriesState();
        s.startNanos = in.getLong();
        s.lastTimeNanos = in.getLong();
        s.lastValue = in.getDouble();
        s.lastDelta = in.getDouble();
        s.recentCount = in.getInt();
        s.recentNext = in.getInt();
        int windows = in.getInt();
        if (windows != 0 && windows != 2 * SeriesState.RECENT_DELTA_WINDOWS
                || s.recentCount > SeriesState.RECENT_DELTA_WINDOWS || s.recentNext < 0
                || s.recentNext >= SeriesState.RECENT_DELTA_WINDOWS || s.recentCount < 0) {
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

    /** A growing buffer for {@link #encode}. */
    private static final class Writer {
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
}
