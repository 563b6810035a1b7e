package dev.ccotel.ports.in;

/** Takes one OTLP logs export from Claude Code and forwards the events it holds. */
public interface IngestLogsUseCase {
    IngestResult ingest(IngestLogsCommand command);
}
