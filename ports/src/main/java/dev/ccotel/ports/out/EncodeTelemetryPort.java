package dev.ccotel.ports.out;

import dev.ccotel.domain.model.CcOtelRequest;

/** Puts a backend request into its wire form. */
public interface EncodeTelemetryPort {
    /** @throws IllegalArgumentException when the request cannot be encoded (sending it again would not help) */
    EncodedRequest encode(CcOtelRequest request);
}
