package dev.ccotel.adapter.httpin;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.ccotel.ports.in.IngestMetricsCommand;
import dev.ccotel.ports.in.IngestMetricsUseCase;
import dev.ccotel.ports.in.IngestResult;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import java.util.Objects;

/** POST /v1/metrics -> {@link IngestMetricsUseCase}. */
final class MetricsRoute implements ExportSignal<ExportMetricsServiceRequest> {
    private final IngestMetricsUseCase useCase;

    MetricsRoute(IngestMetricsUseCase useCase) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
    }

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public Parser<ExportMetricsServiceRequest> parser() {
        return ExportMetricsServiceRequest.parser();
    }

    @Override
    public Message.Builder newBuilder() {
        return ExportMetricsServiceRequest.newBuilder();
    }

    @Override
    public boolean isEmpty(ExportMetricsServiceRequest request) {
        return request.getResourceMetricsCount() == 0;
    }

    @Override
    public IngestResult ingest(ExportMetricsServiceRequest request, String origin) {
        return useCase.ingest(new IngestMetricsCommand(request, origin));
    }

    @Override
    public Message accepted() {
        return ExportMetricsServiceResponse.getDefaultInstance();
    }

    @Override
    public Message partial(long rejected, String message) {
        return ExportMetricsServiceResponse.newBuilder()
                .setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                        .setRejectedDataPoints(rejected)
                        .setErrorMessage(message))
                .build();
    }
}
