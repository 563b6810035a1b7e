package dev.ccotel.ports.service.status;

import dev.ccotel.ports.in.ExportOutcome;
import dev.ccotel.ports.in.IngestLogsCommand;
import dev.ccotel.ports.in.IngestLogsUseCase;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.in.TelemetrySignal;
import java.util.Objects;

/** Counts each logs export by outcome on its way through; the hop between receiver and use case. */
public final class CountingIngestLogs implements IngestLogsUseCase {
    private final IngestLogsUseCase next;
    private final ExportCounters counters;

    public CountingIngestLogs(IngestLogsUseCase next, ExportCounters counters) {
        this.next = Objects.requireNonNull(next, "next");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    @Override
    public IngestResult ingest(IngestLogsCommand command) {
        IngestResult result;
        try {
            result = next.ingest(command);
        } catch (RuntimeException e) {
            counters.countExport(TelemetrySignal.LOGS, ExportOutcome.FAILED);
            throw e;
        }
        counters.countExport(TelemetrySignal.LOGS, ExportOutcome.of(result));
        return result;
    }
}
