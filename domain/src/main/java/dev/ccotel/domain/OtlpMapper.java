package dev.ccotel.domain;

import dev.ccotel.domain.model.MappingResult;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.util.Objects;

/** Maps OTLP exports from Claude Code to backend requests, one per session. Thread-safe. */
public final class OtlpMapper {
    private final SessionLedger ledger;
    private final MappingOptions options;

    public OtlpMapper(SessionLedger ledger, MappingOptions options) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.options = Objects.requireNonNull(options, "options");
    }

    public MappingResult map(ExportMetricsServiceRequest export) {
        throw new UnsupportedOperationException("not yet");
    }

    public MappingResult map(ExportLogsServiceRequest export) {
        throw new UnsupportedOperationException("not yet");
    }
}
