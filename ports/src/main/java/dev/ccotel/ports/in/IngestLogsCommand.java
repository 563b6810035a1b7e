package dev.ccotel.ports.in;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.util.Objects;

/**
 * A logs export to ingest.
 *
 * @param origin the receiver's short name for the connection the export came over ({@code grpc-7},
 *     {@code http-3}): records without a {@code session.id} are grouped by it. Empty when the caller
 *     knows no connection; such records then share the origin {@code inspect}.
 */
public record IngestLogsCommand(ExportLogsServiceRequest request, String origin) {
    public IngestLogsCommand {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(origin, "origin");
    }

    /** An export from no known connection (e.g. a saved file). */
    public IngestLogsCommand(ExportLogsServiceRequest request) {
        this(request, "");
    }
}
