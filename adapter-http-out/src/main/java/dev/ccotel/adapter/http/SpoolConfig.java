package dev.ccotel.adapter.http;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the durable fallback spool ({@code delivery.spool.*}).
 *
 * @param enabled {@code delivery.spool.enabled}; false means pure passthrough: what the backend
 *     cannot take is answered with UNAVAILABLE
 * @param directory where the spool files live; the app resolves {@code $XDG_STATE_HOME/ccotel/spool}
 * @param maxBytes {@code delivery.spool.max-bytes}: pending data beyond this is refused, not spooled
 * @param maxAge {@code delivery.spool.max-age}: older records are dropped, with a warning
 */
public record SpoolConfig(boolean enabled, Path directory, long maxBytes, Duration maxAge) {
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);
    /** Below this a single ordinary export might not fit, which would make the spool useless. */
    static final long MIN_MAX_BYTES = 64L * 1024;

    public SpoolConfig {
        if (enabled) {
            if (directory == null) {
                throw new IllegalArgumentException("the delivery spool directory must be set when"
                        + " delivery.spool.enabled is true");
            }
            if (maxBytes < MIN_MAX_BYTES) {
                throw new IllegalArgumentException("delivery.spool.max-bytes must be at least " + MIN_MAX_BYTES
                        + " bytes (64 KiB), got " + maxBytes);
            }
            if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("delivery.spool.max-age must be a positive duration such as 7d,"
                        + " got " + maxAge);
            }
        }
    }

    /** The spool with default bounds in {@code directory}. */
    public static SpoolConfig enabledIn(Path directory) {
        return new SpoolConfig(true, directory, DEFAULT_MAX_BYTES, DEFAULT_MAX_AGE);
    }

    /** Pure passthrough (no spool). */
    public static SpoolConfig disabled() {
        return new SpoolConfig(false, null, DEFAULT_MAX_BYTES, DEFAULT_MAX_AGE);
    }
}
