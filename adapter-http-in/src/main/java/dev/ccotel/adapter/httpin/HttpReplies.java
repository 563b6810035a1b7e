package dev.ccotel.adapter.httpin;

import com.google.protobuf.Message;
import com.google.rpc.Code;
import com.google.rpc.Status;
import dev.ccotel.ports.in.IngestResult;
import java.time.Duration;
import java.util.Optional;

/**
 * The outcome -> OTLP/HTTP answer table, as the OTLP/HTTP spec has it: 200 with the signal's response
 * (carrying {@code partial_success} when data was refused), 503 with {@code Retry-After} when the
 * exporter should send again, and the error statuses with a {@code google.rpc.Status} body.
 */
final class HttpReplies {
    /**
     * Retry-After when the use case names no time: OTLP/HTTP exporters retry 503 with their own backoff
     * either way, and one second keeps the first retry from landing on a still-busy daemon at once.
     */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    /** Builds the signal's response carrying {@code partial_success}. */
    @FunctionalInterface
    interface PartialResponse {
        Message of(long rejected, String message);
    }

    private HttpReplies() {}

    static Reply of(IngestResult result, Message accepted, PartialResponse partial) {
        return switch (result) {
            case IngestResult.Success ignored -> Reply.of(200, accepted);
            case IngestResult.PartialSuccess(long rejected, String message) -> Reply.of(200, partial.of(rejected, message));
            case IngestResult.RetryLater retry -> retryLater(retry.reason(),
                    retry.after().map(d -> d.isNegative() ? Duration.ZERO : d).orElse(DEFAULT_RETRY_AFTER));
        };
    }

    static Reply malformed(String defect) {
        return Reply.of(400, status(Code.INVALID_ARGUMENT, defect));
    }

    static Reply tooLarge(String defect) {
        return Reply.of(413, status(Code.RESOURCE_EXHAUSTED, defect));
    }

    static Reply unsupportedMediaType(String defect) {
        return Reply.of(415, status(Code.INVALID_ARGUMENT, defect));
    }

    static Reply methodNotAllowed(String method, String path) {
        return Reply.of(405, status(Code.UNIMPLEMENTED, method + " " + path + " is not supported; OTLP exports are POSTed"));
    }

    static Reply failed(String signal) {
        return Reply.of(500, status(Code.INTERNAL, "ccotel failed to process the " + signal
                + " export; see the daemon log"));
    }

    static Reply retryLater(String reason, Duration after) {
        return new Reply(503, status(Code.UNAVAILABLE, reason), Optional.of(after));
    }

    private static Status status(Code code, String message) {
        return Status.newBuilder().setCode(code.getNumber()).setMessage(message).build();
    }
}
