package dev.ccotel.adapter.grpc;

import dev.ccotel.ports.in.IngestMetricsCommand;
import dev.ccotel.ports.in.IngestMetricsUseCase;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import java.util.Objects;
import java.util.concurrent.Executor;

/** OTLP metrics Export -> {@link IngestMetricsUseCase}. */
final class MetricsServiceImpl extends MetricsServiceGrpc.MetricsServiceImplBase {
    private static final ExportMetricsServiceResponse ACCEPTED = ExportMetricsServiceResponse.getDefaultInstance();

    private final IngestMetricsUseCase useCase;
    private final Executor blocking;

    /** @param blocking where the use case runs: it blocks on the backend */
    MetricsServiceImpl(IngestMetricsUseCase useCase, Executor blocking) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
        this.blocking = Objects.requireNonNull(blocking, "blocking");
    }

    @Override
    public void export(ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> responses) {
        if (request.getResourceMetricsCount() == 0) {
            ExportReplies.reply(responses, ACCEPTED);
            return;
        }
        String origin = ConnectionOrigin.current();
        ExportReplies.answer(blocking, responses, "metrics", () -> useCase.ingest(new IngestMetricsCommand(request, origin)), ACCEPTED,
                (rejected, message) -> ExportMetricsServiceResponse.newBuilder()
                        .setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                                .setRejectedDataPoints(rejected)
                                .setErrorMessage(message))
                        .build());
    }
}
