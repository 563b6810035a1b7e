package dev.ccotel.ports.fakes;

import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.ports.out.EncodeTelemetryPort;
import dev.ccotel.ports.out.EncodedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Encodes a request as its number, so that a test can look up which request a body stands for. */
public final class RecordingEncoder implements EncodeTelemetryPort {
    private final List<SessionUpdate> encoded = new ArrayList<>();

    @Override
    public synchronized EncodedRequest encode(SessionUpdate request) {
        encoded.add(request);
        byte[] body = Integer.toString(encoded.size() - 1).getBytes(StandardCharsets.US_ASCII);
        return new EncodedRequest(request.session().sessionId(), body, request.itemCount());
    }

    public synchronized SessionUpdate requestOf(EncodedRequest request) {
        return encoded.get(Integer.parseInt(new String(request.body(), StandardCharsets.US_ASCII)));
    }
}
