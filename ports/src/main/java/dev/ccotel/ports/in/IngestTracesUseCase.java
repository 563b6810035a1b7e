package dev.ccotel.ports.in;

/**
 * Takes one OTLP traces export. ccotel forwards no spans, but a user who also switched on Claude Code's
 * trace exporter must not see export errors for it, and the count shows what arrived.
 */
public interface IngestTracesUseCase {
    IngestResult ingest(IngestTracesCommand command);
}
