package dev.ccotel.ports.service.ingest;

import dev.ccotel.ports.in.IngestLogsCommand;
import dev.ccotel.ports.in.IngestLogsUseCase;
import dev.ccotel.ports.in.IngestResult;
import java.util.Objects;

/** Maps a logs export to per-session requests and keeps them (see {@link ExportPipeline}). */
public final class IngestLogsService implements IngestLogsUseCase {
    private final ExportPipeline pipeline;

    public IngestLogsService(ExportPipeline pipeline) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    }

    @Override
    public IngestResult ingest(IngestLogsCommand command) {
        return pipeline.take(pipeline.mapper().group(command.request(), command.origin()), "logs");
    }
}
