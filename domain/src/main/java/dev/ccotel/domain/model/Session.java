package dev.ccotel.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One Claude Code session as the backend sees it: who and where it runs, when it started, and its
 * running totals. Empty strings stand for attributes the export did not carry.
 */
public record Session(
        String sessionId,
        String appVersion,
        String organizationId,
        String userAccountUuid,
        String userId,
        String terminalType,
        String serviceVersion,
        String osType,
        String osVersion,
        String hostArch,
        Instant startedAt,
        SessionTotals totals) {

    /** The group for records that carry no {@code session.id}; no id is ever invented. */
    public static final String NO_SESSION_ID = "no-session";

    public Session {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(totals, "totals");
    }

    public boolean isNoSession() {
        return NO_SESSION_ID.equals(sessionId);
    }
}
