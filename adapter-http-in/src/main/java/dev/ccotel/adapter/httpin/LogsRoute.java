package dev.ccotel.adapter.httpin;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.ccotel.ports.in.IngestLogsCommand;
import dev.ccotel.ports.in.IngestLogsUseCase;
import dev.ccotel.ports.in.IngestResult;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.util.Objects;

/** POST /v1/logs -> {@link IngestLogsUseCase}. */
final class LogsRoute implements ExportSignal<ExportLogsServiceRequest> {
    private final IngestLogsUseCase useCase;

    LogsRoute(IngestLogsUseCase useCase) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
    }

    @Override
    public String name() {
        return "logs";
    }

    @Override
    public Parser<ExportLogsServiceRequest> parser() {
        return ExportLogsServiceRequest.parser();
    }

    @Override
    public Message.Builder newBuilder() {
        return ExportLogsServiceRequest.newBuilder();
    }

    @Override
    public boolean isEmpty(ExportLogsServiceRequest request) {
        return request.getResourceLogsCount() == 0;
    }

    @Override
    public IngestResult ingest(ExportLogsServiceRequest request, String origin) {
        return useCase.ingest(new IngestLogsCommand(request, origin));
    }

    @Override
    public Message accepted() {
        return ExportLogsServiceResponse.getDefaultInstance();
    }

    @Override
    public Message partial(long rejected, String message) {
        return ExportLogsServiceResponse.newBuilder()
                .setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                        .setRejectedLogRecords(rejected)
                        .setErrorMessage(message))
                .build();
    }
}
