package dev.ccotel.adapter.http;

import dev.ccotel.domain.model.CcOtelRequest;
import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.out.PublishTelemetryPort;

/**
 * Posts a request body that is already JSON. Lets a request be encoded once for all attempts, and
 * lets the spool re-send what it stored byte for byte.
 */
interface BytePublisher extends PublishTelemetryPort {
    /**
     * @param json the encoded request
     * @param itemCount events plus data points in it, reported back when the backend rejects it
     */
    PublishOutcome post(byte[] json, int itemCount);

    /** Encodes once, then posts. */
    @Override
    default PublishOutcome publish(CcOtelRequest request) {
        byte[] json;
        try {
            json = BackendJson.toJson(request);
        } catch (RuntimeException e) {
            // Encoding again would fail again, so this is not worth a retry.
            return new PublishOutcome.Rejected(request.itemCount(),
                    "could not encode the request as JSON: " + e.getMessage());
        }
        return post(json, request.itemCount());
    }
}
