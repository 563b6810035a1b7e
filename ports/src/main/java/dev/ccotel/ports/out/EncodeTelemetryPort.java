package dev.ccotel.ports.out;

import dev.ccotel.domain.model.SessionUpdate;

/** Puts a backend request into its wire form. */
public interface EncodeTelemetryPort {
    /**
     * Where nothing is sent anywhere (a daemon's store without a backend, the hub's raw OTLP): the store
     * keeps the mapped request, and no one would read a wire form, which cost a tenth of such a daemon's
     * CPU per export. The body is empty.
     */
    EncodeTelemetryPort NOT_SENT = request -> new EncodedRequest(request.session().sessionId(), new byte[0],
            request.itemCount());

    /** @throws IllegalArgumentException when the request cannot be encoded (sending it again would not help) */
    EncodedRequest encode(SessionUpdate request);
}
