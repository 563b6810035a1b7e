package dev.ccotel.adapter.httpin;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.ccotel.ports.in.IngestTracesCommand;
import dev.ccotel.ports.in.IngestTracesUseCase;
import dev.ccotel.ports.in.IngestResult;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.util.Objects;

/** POST /v1/traces -> {@link IngestTracesUseCase}. */
final class TracesRoute implements ExportSignal<ExportTraceServiceRequest> {
    private final IngestTracesUseCase useCase;

    TracesRoute(IngestTracesUseCase useCase) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
    }

    @Override
    public String name() {
        return "traces";
    }

    @Override
    public Parser<ExportTraceServiceRequest> parser() {
        return ExportTraceServiceRequest.parser();
    }

    @Override
    public Message.Builder newBuilder() {
        return ExportTraceServiceRequest.newBuilder();
    }

    @Override
    public boolean isEmpty(ExportTraceServiceRequest request) {
        return request.getResourceSpansCount() == 0;
    }

    @Override
    public IngestResult ingest(ExportTraceServiceRequest request, String origin) {
        return useCase.ingest(new IngestTracesCommand(request));
    }

    @Override
    public Message accepted() {
        return ExportTraceServiceResponse.getDefaultInstance();
    }

    @Override
    public Message partial(long rejected, String message) {
        return ExportTraceServiceResponse.newBuilder()
                .setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                        .setRejectedSpans(rejected)
                        .setErrorMessage(message))
                .build();
    }
}
