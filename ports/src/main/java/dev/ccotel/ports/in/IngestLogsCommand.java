package dev.ccotel.ports.in;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.util.Objects;

public record IngestLogsCommand(ExportLogsServiceRequest request) {
    public IngestLogsCommand {
        Objects.requireNonNull(request, "request");
    }
}
