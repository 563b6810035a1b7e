package dev.ccotel.adapter.grpc;

import dev.ccotel.ports.in.IngestLogsCommand;
import dev.ccotel.ports.in.IngestLogsUseCase;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import java.util.Objects;
import java.util.concurrent.Executor;

/** OTLP logs Export (Claude Code's events) -> {@link IngestLogsUseCase}. */
final class LogsServiceImpl extends LogsServiceGrpc.LogsServiceImplBase {
    private static final ExportLogsServiceResponse ACCEPTED = ExportLogsServiceResponse.getDefaultInstance();

    private final IngestLogsUseCase useCase;
    private final Executor blocking;

    /** @param blocking where the use case runs: it blocks on the backend */
    LogsServiceImpl(IngestLogsUseCase useCase, Executor blocking) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
        this.blocking = Objects.requireNonNull(blocking, "blocking");
    }

    @Override
    public void export(ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> responses) {
        if (request.getResourceLogsCount() == 0) {
            ExportReplies.reply(responses, ACCEPTED);
            return;
        }
        String origin = ConnectionOrigin.current();
        ExportReplies.answer(blocking, responses, "logs", () -> useCase.ingest(new IngestLogsCommand(request, origin)), ACCEPTED,
                (rejected, message) -> ExportLogsServiceResponse.newBuilder()
                        .setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                                .setRejectedLogRecords(rejected)
                                .setErrorMessage(message))
                        .build());
    }
}
