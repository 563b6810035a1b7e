package dev.ccotel.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids derived from content only, so that a client's retry of the same export, or a re-send from
 * the spool, carries the same ids and a backend can de-duplicate. Name-based UUIDs (RFC 4122
 * version 3) are used: the input is not secret, and the format is one every backend can store.
 */
final class Ids {
    private static final char SEP = '\u001f'; // unit separator: cannot be confused with text in the parts

    private Ids() {}

    static String eventId(String sessionId, String eventName, long timeNanos, long observedNanos, String discriminator) {
        return uuid("event", sessionId, eventName, Long.toUnsignedString(timeNanos),
                Long.toUnsignedString(observedNanos), discriminator);
    }

    static String metricId(String sessionId, String seriesKey, long startNanos, long timeNanos) {
        return uuid("metric", sessionId, seriesKey, Long.toUnsignedString(startNanos), Long.toUnsignedString(timeNanos));
    }

    private static String uuid(String... parts) {
        StringBuilder sb = new StringBuilder(128);
        for (String part : parts) {
            sb.append(part).append(SEP);
        }
        return UUID.nameUUIDFromBytes(sb.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }
}
