package dev.ccotel.adapter.httpin;

import dev.ccotel.ports.in.IngestLogsCommand;
import dev.ccotel.ports.in.IngestLogsUseCase;
import dev.ccotel.ports.in.IngestMetricsCommand;
import dev.ccotel.ports.in.IngestMetricsUseCase;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.in.IngestTracesCommand;
import dev.ccotel.ports.in.IngestTracesUseCase;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Records every command and answers with a scripted outcome; when made {@link #blocking()}, holds each
 * export inside the use case until released, as a slow backend POST would.
 */
final class ScriptedIngest implements IngestMetricsUseCase, IngestLogsUseCase, IngestTracesUseCase {
    final List<IngestMetricsCommand> metrics = new CopyOnWriteArrayList<>();
    final List<IngestLogsCommand> logs = new CopyOnWriteArrayList<>();
    final List<IngestTracesCommand> traces = new CopyOnWriteArrayList<>();
    private final IngestResult outcome;
    private final Semaphore entered = new Semaphore(0);
    private final CountDownLatch release;

    private ScriptedIngest(IngestResult outcome, boolean blocking) {
        this.outcome = outcome;
        this.release = new CountDownLatch(blocking ? 1 : 0);
    }

    static ScriptedIngest accepting() {
        return new ScriptedIngest(new IngestResult.Success(), false);
    }

    static ScriptedIngest answering(IngestResult outcome) {
        return new ScriptedIngest(outcome, false);
    }

    static ScriptedIngest blocking() {
        return new ScriptedIngest(new IngestResult.Success(), true);
    }

    @Override
    public IngestResult ingest(IngestMetricsCommand command) {
        metrics.add(command);
        return hold();
    }

    @Override
    public IngestResult ingest(IngestLogsCommand command) {
        logs.add(command);
        return hold();
    }

    @Override
    public IngestResult ingest(IngestTracesCommand command) {
        traces.add(command);
        return hold();
    }

    int calls() {
        return metrics.size() + logs.size() + traces.size();
    }

    /** Waits (bounded, so a broken test fails instead of hanging) until {@code count} exports are inside. */
    void awaitHeld(int count) throws InterruptedException {
        if (!entered.tryAcquire(count, 10, TimeUnit.SECONDS)) {
            throw new AssertionError(count + " exports never reached the use case");
        }
    }

    void release() {
        release.countDown();
    }

    private IngestResult hold() {
        entered.release();
        try {
            release.await();
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IngestResult.RetryLater("interrupted", Optional.empty());
        }
    }
}
