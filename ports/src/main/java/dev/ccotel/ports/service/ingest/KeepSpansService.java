package dev.ccotel.ports.service.ingest;

import dev.ccotel.domain.source.claudecode.SpanReader;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.in.IngestTracesCommand;
import dev.ccotel.ports.in.IngestTracesUseCase;
import dev.ccotel.ports.out.KeepSpansPort;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the spans of a traces export in the local store (for the session page: time to first token,
 * tool run time, the wait for the user's permission), then hands the export on (to be counted). Spans
 * are not forwarded: the backend contract has none. A store that cannot keep them tells the exporter to
 * retry, as for logs and metrics.
 */
public final class KeepSpansService implements IngestTracesUseCase {
    private static final System.Logger LOG = System.getLogger(KeepSpansService.class.getName());

    private final KeepSpansPort store;
    private final IngestTracesUseCase next;

    public KeepSpansService(KeepSpansPort store, IngestTracesUseCase next) {
        this.store = Objects.requireNonNull(store, "store");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public IngestResult ingest(IngestTracesCommand command) {
        SpanReader.Result read = SpanReader.read(command.request());
        try {
            store.keep(read.spans());
        } catch (IllegalStateException e) {
            LOG.log(Level.WARNING, "spans not kept, the exporter is told to retry: {0}", e.getMessage());
            return new IngestResult.RetryLater(e.getMessage(), Optional.empty());
        }
        if (read.skipped() > 0) {
            LOG.log(Level.DEBUG, "{0} span(s) without a session.id were not kept", read.skipped());
        }
        return next.ingest(command);
    }
}
