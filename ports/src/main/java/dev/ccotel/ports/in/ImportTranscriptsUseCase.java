package dev.ccotel.ports.in;

/**
 * Reads Claude Code's transcripts into the store as a second source of session facts: sessions
 * telemetry never saw appear, a session whose telemetry is incomplete is completed, and none is
 * counted twice (the rule: {@link ReportUsageUseCase}). Only files that changed since the last
 * import are read; importing twice changes nothing.
 */
public interface ImportTranscriptsUseCase {
    ImportSummary importTranscripts(ImportTranscriptsCommand command);
}
