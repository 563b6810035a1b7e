package dev.ccotel.adapter.grpc;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import dev.ccotel.ports.in.IngestResult;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/** The outcome -> OTLP answer table, shared so metrics and logs cannot drift apart. */
final class ExportReplies {
    private static final System.Logger LOG = System.getLogger(ExportReplies.class.getName());

    /** Builds the signal's response carrying {@code partial_success}. */
    @FunctionalInterface
    interface PartialResponse<R> {
        R of(long rejected, String message);
    }

    private ExportReplies() {}

    /**
     * Runs the use case on {@code blocking} (it may wait for the backend for its whole delivery
     * budget) and answers from there. Everything before, from the socket to the parsed request, runs
     * on gRPC's transport threads without a hand-off.
     */
    static <R> void answer(Executor blocking, StreamObserver<R> responses, String signal,
            Supplier<IngestResult> ingest, R accepted, PartialResponse<R> partial) {
        try {
            blocking.execute(Context.current().wrap(() -> answer(responses, signal, ingest, accepted, partial)));
        } catch (RejectedExecutionException shuttingDown) {
            responses.onError(Status.UNAVAILABLE.withDescription("ccotel is shutting down; retry the export")
                    .asRuntimeException());
        }
    }

    private static <R> void answer(StreamObserver<R> responses, String signal, Supplier<IngestResult> ingest,
            R accepted, PartialResponse<R> partial) {
        IngestResult result;
        try {
            result = Objects.requireNonNull(ingest.get(), "use case returned no result");
        } catch (RuntimeException e) {
            // A bug in the core must cost one export, not the receiver.
            LOG.log(System.Logger.Level.ERROR, "processing a " + signal + " export failed", e);
            responses.onError(Status.INTERNAL
                    .withDescription("ccotel failed to process the " + signal + " export; see the daemon log")
                    .asRuntimeException());
            return;
        }
        switch (result) {
            case IngestResult.Success ignored -> reply(responses, accepted);
            case IngestResult.PartialSuccess(long rejected, String message) ->
                    reply(responses, partial.of(rejected, message));
            case IngestResult.RetryLater retry -> responses.onError(retryLater(retry));
        }
    }

    static <R> void reply(StreamObserver<R> responses, R response) {
        responses.onNext(response);
        responses.onCompleted();
    }

    /** UNAVAILABLE is the status OTLP exporters treat as retryable; RetryInfo is how OTLP says when. */
    static StatusRuntimeException retryLater(IngestResult.RetryLater retry) {
        if (retry.after().isEmpty()) {
            return Status.UNAVAILABLE.withDescription(retry.reason()).asRuntimeException();
        }
        Duration after = retry.after().get().isNegative() ? Duration.ZERO : retry.after().get();
        RetryInfo info = RetryInfo.newBuilder()
                .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(after.getSeconds())
                        .setNanos(after.getNano()))
                .build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.UNAVAILABLE.value())
                .setMessage(retry.reason())
                .addDetails(Any.pack(info))
                .build());
    }
}
