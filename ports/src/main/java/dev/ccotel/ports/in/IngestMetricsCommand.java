package dev.ccotel.ports.in;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.util.Objects;

public record IngestMetricsCommand(ExportMetricsServiceRequest request) {
    public IngestMetricsCommand {
        Objects.requireNonNull(request, "request");
    }
}
