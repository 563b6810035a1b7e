package dev.ccotel.ports.service.status;

import dev.ccotel.ports.in.ExportOutcome;
import dev.ccotel.ports.in.IngestTracesCommand;
import dev.ccotel.ports.in.IngestTracesUseCase;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.in.TelemetrySignal;
import java.util.Objects;

/** Counts each traces export by outcome on its way through; the hop between receiver and use case. */
public final class CountingIngestTraces implements IngestTracesUseCase {
    private final IngestTracesUseCase next;
    private final ExportCounters counters;

    public CountingIngestTraces(IngestTracesUseCase next, ExportCounters counters) {
        this.next = Objects.requireNonNull(next, "next");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    @Override
    public IngestResult ingest(IngestTracesCommand command) {
        IngestResult result;
        try {
            result = next.ingest(command);
        } catch (RuntimeException e) {
            counters.countExport(TelemetrySignal.TRACES, ExportOutcome.FAILED);
            throw e;
        }
        counters.countExport(TelemetrySignal.TRACES, ExportOutcome.of(result));
        return result;
    }
}
