package dev.ccotel.adapter.httpin;

import com.google.protobuf.Message;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One answer to an exporter, before it is written in the request's media type.
 *
 * @param body an {@code Export*ServiceResponse} on 200, a {@code google.rpc.Status} otherwise
 * @param retryAfter sent as {@code Retry-After} (whole seconds, rounded up)
 */
record Reply(int status, Message body, Optional<Duration> retryAfter) {
    Reply {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    static Reply of(int status, Message body) {
        return new Reply(status, body, Optional.empty());
    }
}
