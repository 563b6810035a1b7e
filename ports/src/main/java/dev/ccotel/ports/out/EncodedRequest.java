package dev.ccotel.ports.out;

import java.util.Objects;

/**
 * One backend request in its wire form, encoded once: what is kept for delivery and posted, byte
 * for byte, however often it is sent.
 *
 * @param sessionId the session it belongs to, for logs and ordering
 * @param body the request body (JSON, see the README's wire contract)
 * @param itemCount events plus data points in it, reported when the backend refuses it
 */
public record EncodedRequest(String sessionId, byte[] body, int itemCount) {
    public EncodedRequest {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(body, "body");
        if (itemCount < 0) {
            throw new IllegalArgumentException("itemCount must not be negative: " + itemCount);
        }
    }
}
