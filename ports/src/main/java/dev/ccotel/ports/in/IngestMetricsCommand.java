package dev.ccotel.ports.in;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.util.Objects;

/**
 * A metrics export to ingest.
 *
 * @param origin as in {@link IngestLogsCommand#origin()}
 */
public record IngestMetricsCommand(ExportMetricsServiceRequest request, String origin) {
    public IngestMetricsCommand {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(origin, "origin");
    }

    /** An export from no known connection (e.g. a saved file). */
    public IngestMetricsCommand(ExportMetricsServiceRequest request) {
        this(request, "");
    }
}
