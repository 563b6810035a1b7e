package dev.ccotel.adapter.httpout.wire;

import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.ports.out.EncodeTelemetryPort;
import dev.ccotel.ports.out.EncodedRequest;

/** The backend's JSON as the encode out-port: every request is encoded here, once. */
public final class WireEncoder implements EncodeTelemetryPort {
    @Override
    public EncodedRequest encode(SessionUpdate request) {
        try {
            return BackendJson.encode(request);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("could not encode the request as JSON: " + e.getMessage(), e);
        }
    }
}
