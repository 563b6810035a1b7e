package dev.ccotel.adapter.grpc;

import dev.ccotel.ports.in.IngestTracesCommand;
import dev.ccotel.ports.in.IngestTracesUseCase;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.util.Objects;
import java.util.concurrent.Executor;

/** OTLP trace Export -> {@link IngestTracesUseCase}, which counts the spans (ccotel forwards none). */
final class TraceServiceImpl extends TraceServiceGrpc.TraceServiceImplBase {
    private static final ExportTraceServiceResponse ACCEPTED = ExportTraceServiceResponse.getDefaultInstance();

    private final IngestTracesUseCase useCase;
    private final Executor blocking;

    TraceServiceImpl(IngestTracesUseCase useCase, Executor blocking) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
        this.blocking = Objects.requireNonNull(blocking, "blocking");
    }

    @Override
    public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> responses) {
        if (request.getResourceSpansCount() == 0) {
            ExportReplies.reply(responses, ACCEPTED);
            return;
        }
        ExportReplies.answer(blocking, responses, "traces", () -> useCase.ingest(new IngestTracesCommand(request)),
                ACCEPTED, (rejected, message) -> ExportTraceServiceResponse.newBuilder()
                        .setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                                .setRejectedSpans(rejected)
                                .setErrorMessage(message))
                        .build());
    }
}
