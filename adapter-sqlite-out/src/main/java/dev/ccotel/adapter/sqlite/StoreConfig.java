package dev.ccotel.adapter.sqlite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the local store, validated once at start-up; every message names its key.
 *
 * @param path {@code store.path}: the database file
 * @param maxAge {@code store.max-age}: history older than this is pruned; zero keeps no history at all
 *     (only what the daemon needs to continue sessions, and what still waits for the backend)
 * @param forward whether a backend is configured: then each kept request also goes to the outbox
 * @param outboxMaxBytes {@code delivery.outbox.max-bytes}: beyond this waiting for the backend, exports
 *     are refused (the exporter is told to retry) rather than the outbox growing without bound
 * @param outboxMaxAge {@code delivery.outbox.max-age}: waiting requests older than this are dropped
 *     from the outbox, with a warning (their rows stay in the history)
 */
public record StoreConfig(Path path, Duration maxAge, boolean forward, long outboxMaxBytes, Duration outboxMaxAge) {
    public static final Duration KEEP_FOREVER = Duration.ofDays(365L * 1000);
    public static final long DEFAULT_OUTBOX_MAX_BYTES = 64L * 1024 * 1024;
    public static final Duration DEFAULT_OUTBOX_MAX_AGE = Duration.ofDays(7);
    /** Below this a single ordinary export might not fit. */
    static final long MIN_OUTBOX_BYTES = 64L * 1024;

    public StoreConfig {
        Objects.requireNonNull(path, "store.path");
        if (maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException("store.max-age must be a duration such as 90d, or 0 to keep no history,"
                    + " got " + maxAge);
        }
        if (outboxMaxBytes < MIN_OUTBOX_BYTES) {
            throw new IllegalArgumentException("delivery.outbox.max-bytes must be at least " + MIN_OUTBOX_BYTES
                    + " bytes (64 KiB), got " + outboxMaxBytes);
        }
        if (outboxMaxAge == null || outboxMaxAge.isNegative() || outboxMaxAge.isZero()) {
            throw new IllegalArgumentException("delivery.outbox.max-age must be a positive duration such as 7d, got "
                    + outboxMaxAge);
        }
    }

    /** A store at {@code path} with the default bounds, keeping everything. */
    public static StoreConfig at(Path path, boolean forward) {
        return new StoreConfig(path, KEEP_FOREVER, forward, DEFAULT_OUTBOX_MAX_BYTES, DEFAULT_OUTBOX_MAX_AGE);
    }

    boolean keepsHistory() {
        return !maxAge.isZero();
    }
}
