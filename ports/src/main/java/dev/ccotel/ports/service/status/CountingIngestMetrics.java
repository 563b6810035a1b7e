package dev.ccotel.ports.service.status;

import dev.ccotel.ports.in.ExportOutcome;
import dev.ccotel.ports.in.IngestMetricsCommand;
import dev.ccotel.ports.in.IngestMetricsUseCase;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.in.TelemetrySignal;
import java.util.Objects;

/** Counts each metrics export by outcome on its way through; the hop between receiver and use case. */
public final class CountingIngestMetrics implements IngestMetricsUseCase {
    private final IngestMetricsUseCase next;
    private final ExportCounters counters;

    public CountingIngestMetrics(IngestMetricsUseCase next, ExportCounters counters) {
        this.next = Objects.requireNonNull(next, "next");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    @Override
    public IngestResult ingest(IngestMetricsCommand command) {
        IngestResult result;
        try {
            result = next.ingest(command);
        } catch (RuntimeException e) {
            counters.countExport(TelemetrySignal.METRICS, ExportOutcome.FAILED);
            throw e;
        }
        counters.countExport(TelemetrySignal.METRICS, ExportOutcome.of(result));
        return result;
    }
}
