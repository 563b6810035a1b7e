package dev.ccotel.adapter.grpc;

import dev.ccotel.ports.in.IngestMetricsCommand;
import dev.ccotel.ports.in.IngestMetricsUseCase;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import java.util.Objects;

/** OTLP metrics Export -> {@link IngestMetricsUseCase}. */
final class MetricsServiceImpl extends MetricsServiceGrpc.MetricsServiceImplBase {
    private static final ExportMetricsServiceResponse ACCEPTED = ExportMetricsServiceResponse.getDefaultInstance();

    private final IngestMetricsUseCase useCase;

    MetricsServiceImpl(IngestMetricsUseCase useCase) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
    }

    @Override
    public void export(ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> responses) {
        if (request.getResourceMetricsCount() == 0) {
            ExportReplies.reply(responses, ACCEPTED);
            return;
        }
        ExportReplies.answer(responses, "metrics", () -> useCase.ingest(new IngestMetricsCommand(request)), ACCEPTED,
                (rejected, message) -> ExportMetricsServiceResponse.newBuilder()
                        .setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                                .setRejectedDataPoints(rejected)
                                .setErrorMessage(message))
                        .build());
    }
}
