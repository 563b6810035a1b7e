package dev.ccotel.ports.in;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Objects;

public record IngestTracesCommand(ExportTraceServiceRequest request) {
    public IngestTracesCommand {
        Objects.requireNonNull(request, "request");
    }

    /** Spans in the export, over every resource and scope. */
    public long spans() {
        return request.getResourceSpansList().stream()
                .flatMap(resource -> resource.getScopeSpansList().stream())
                .mapToLong(scope -> scope.getSpansCount())
                .sum();
    }
}
