package dev.ccotel.domain;

import java.time.Instant;

public final class Times {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Times() {}

    /** OTLP times are unsigned 64-bit nanoseconds; 0 means unset. */
    public static Instant fromUnixNanos(long nanos) {
        return Instant.ofEpochSecond(
                Long.divideUnsigned(nanos, NANOS_PER_SECOND), Long.remainderUnsigned(nanos, NANOS_PER_SECOND));
    }

    public static Instant earlier(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
