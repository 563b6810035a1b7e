package dev.ccotel.ports.service.ingest;

import dev.ccotel.ports.in.IngestMetricsCommand;
import dev.ccotel.ports.in.IngestMetricsUseCase;
import dev.ccotel.ports.in.IngestResult;
import java.util.Objects;

/** Maps a metrics export to per-session requests and keeps them (see {@link ExportPipeline}). */
public final class IngestMetricsService implements IngestMetricsUseCase {
    private final ExportPipeline pipeline;

    public IngestMetricsService(ExportPipeline pipeline) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    }

    @Override
    public IngestResult ingest(IngestMetricsCommand command) {
        return pipeline.take(pipeline.mapper().group(command.request(), command.origin()), "metrics");
    }
}
