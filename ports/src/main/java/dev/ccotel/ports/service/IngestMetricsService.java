package dev.ccotel.ports.service;

import dev.ccotel.domain.OtlpMapper;
import dev.ccotel.ports.in.IngestMetricsCommand;
import dev.ccotel.ports.in.IngestMetricsUseCase;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.out.PublishTelemetryPort;
import java.util.Objects;

/** Maps a metrics export to per-session requests and forwards them at once. */
public final class IngestMetricsService implements IngestMetricsUseCase {
    private final OtlpMapper mapper;
    private final Forwarder forwarder;

    public IngestMetricsService(OtlpMapper mapper, PublishTelemetryPort publisher) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.forwarder = new Forwarder(Objects.requireNonNull(publisher, "publisher"));
    }

    @Override
    public IngestResult ingest(IngestMetricsCommand command) {
        return forwarder.forward(mapper.map(command.request()), "metrics");
    }
}
