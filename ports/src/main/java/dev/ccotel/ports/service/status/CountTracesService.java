package dev.ccotel.ports.service.status;

import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.in.IngestTracesCommand;
import dev.ccotel.ports.in.IngestTracesUseCase;
import java.util.Objects;

/** Accepts every traces export and counts its spans; nothing is forwarded (the backend takes no spans). */
public final class CountTracesService implements IngestTracesUseCase {
    private static final System.Logger LOG = System.getLogger(CountTracesService.class.getName());

    private final ExportCounters counters;

    public CountTracesService(ExportCounters counters) {
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    @Override
    public IngestResult ingest(IngestTracesCommand command) {
        long spans = command.spans();
        long total = counters.countSpans(spans);
        LOG.log(System.Logger.Level.DEBUG, "counted {0} spans ({1} so far); ccotel forwards metrics and events only",
                spans, total);
        return new IngestResult.Success();
    }
}
