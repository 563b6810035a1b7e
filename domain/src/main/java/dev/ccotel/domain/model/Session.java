package dev.ccotel.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One Claude Code session as the backend sees it: who and where it runs, when it started, and its
 * running totals.
 */
public record Session(String sessionId, SessionIdentity identity, Instant startedAt, SessionTotals totals) {

    /**
     * How the id of records that carry no {@code session.id} starts: {@code nosession-<run>-<origin>},
     * where run is when the mapper was created (the daemon's start, epoch seconds) and origin the
     * connection the export came over (see {@link dev.ccotel.domain.ExportGroups#syntheticSessionId}). Claude Code's
     * own ids are UUIDs, so the prefix cannot be one of them.
     */
    public static final String SYNTHETIC_PREFIX = "nosession-";

    public Session {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(totals, "totals");
    }

    /** Whether ccotel made the id up for records without a {@code session.id}. */
    public boolean isSynthetic() {
        return isSynthetic(sessionId);
    }

    public static boolean isSynthetic(String sessionId) {
        return sessionId.startsWith(SYNTHETIC_PREFIX);
    }
}
