package dev.ccotel.ports.service;

import dev.ccotel.domain.OtlpMapper;
import dev.ccotel.ports.in.IngestLogsCommand;
import dev.ccotel.ports.in.IngestLogsUseCase;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.out.PublishTelemetryPort;
import java.util.Objects;

/** Maps a logs export to per-session requests and forwards them at once. */
public final class IngestLogsService implements IngestLogsUseCase {
    private final OtlpMapper mapper;
    private final Forwarder forwarder;

    public IngestLogsService(OtlpMapper mapper, PublishTelemetryPort publisher) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.forwarder = new Forwarder(Objects.requireNonNull(publisher, "publisher"));
    }

    @Override
    public IngestResult ingest(IngestLogsCommand command) {
        return forwarder.forward(mapper.map(command.request()), "logs");
    }
}
