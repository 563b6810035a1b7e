package dev.ccotel.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Ids derived from content only, so that a client's retry of the same export, or a re-send from
 * the spool, carries the same ids and a backend can de-duplicate. Name-based UUIDs (RFC 4122
 * version 3) are used: the input is not secret, and the format is one every backend can store.
 */
public final class Ids {
    private static final char SEP = '\u001f'; // unit separator: cannot be confused with text in the parts
    /**
     * Never updated, only cloned: {@code MessageDigest.getInstance} looks the provider up on every
     * call, which cost more than the MD5 itself (JMH, see docs/PERFORMANCE.md).
     */
    private static final MessageDigest MD5_PROTOTYPE = md5();

    private Ids() {}

    public static String eventId(String sessionId, String eventName, long timeNanos, long observedNanos, String discriminator) {
        return uuid("event", sessionId, eventName, Long.toUnsignedString(timeNanos),
                Long.toUnsignedString(observedNanos), discriminator);
    }

    public static String metricId(String sessionId, String seriesKey, long startNanos, long timeNanos) {
        return uuid("metric", sessionId, seriesKey, Long.toUnsignedString(startNanos), Long.toUnsignedString(timeNanos));
    }

    private static String uuid(String... parts) {
        int length = 0;
        for (String part : parts) {
            length += part.length() + 1;
        }
        StringBuilder sb = new StringBuilder(length);
        for (String part : parts) {
            sb.append(part).append(SEP);
        }
        return nameUuid(sb.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Exactly {@link UUID#nameUUIDFromBytes} (version 3, IETF variant), without the provider look-up. */
    static UUID nameUuid(byte[] name) {
        byte[] md5;
        try {
            md5 = ((MessageDigest) MD5_PROTOTYPE.clone()).digest(name);
        } catch (CloneNotSupportedException notCloneable) {
            md5 = md5().digest(name);
        }
        md5[6] &= 0x0f; // clear version
        md5[6] |= 0x30; // version 3
        md5[8] &= 0x3f; // clear variant
        md5[8] |= (byte) 0x80; // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (md5[i] & 0xff);
        }
        for (int i = 8; i < 16; i++) {
            lsb = (lsb << 8) | (md5[i] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new InternalError("MD5 not supported", e); // as UUID.nameUUIDFromBytes does
        }
    }
}
