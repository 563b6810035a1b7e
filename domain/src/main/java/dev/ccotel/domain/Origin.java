package dev.ccotel.domain;

import dev.ccotel.domain.model.Session;

/**
 * The synthetic session id of records without a {@code session.id}: one per exporting connection
 * and mapper run, so that two Claude Code processes never merge and a restart never continues an
 * earlier run's group. The origin is the receiver's name for the connection ("grpc-7", "http-3");
 * it is cut and reduced to safe characters, since it ends up in ids and in the store.
 */
final class Origin {
    static final int MAX_ORIGIN = 64;
    /** For callers that know no connection (e.g. {@code ccotel inspect}): all their records share one group. */
    static final String UNKNOWN = "inspect";

    private Origin() {}

    static String syntheticSessionId(long runEpochSeconds, String origin) {
        String safe = origin.isEmpty() ? UNKNOWN : origin;
        StringBuilder sb = new StringBuilder(Session.SYNTHETIC_PREFIX).append(runEpochSeconds).append('-');
        for (int i = 0; i < safe.length() && i < MAX_ORIGIN; i++) {
            char c = safe.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_';
            sb.append(plain ? c : '_');
        }
        return sb.toString();
    }
}
