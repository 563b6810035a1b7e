package dev.ccotel.ports.in;

/** Takes one OTLP metrics export from Claude Code and forwards what it holds. */
public interface IngestMetricsUseCase {
    IngestResult ingest(IngestMetricsCommand command);
}
