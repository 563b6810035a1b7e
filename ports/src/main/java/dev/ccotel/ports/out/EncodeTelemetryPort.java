package dev.ccotel.ports.out;

import dev.ccotel.domain.model.SessionUpdate;

/** Puts a backend request into its wire form. */
public interface EncodeTelemetryPort {
    /** @throws IllegalArgumentException when the request cannot be encoded (sending it again would not help) */
    EncodedRequest encode(SessionUpdate request);
}
