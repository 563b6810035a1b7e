package dev.ccotel.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.ports.in.IngestLogsCommand;
import dev.ccotel.ports.in.IngestLogsUseCase;
import dev.ccotel.ports.in.IngestMetricsCommand;
import dev.ccotel.ports.in.IngestMetricsUseCase;
import dev.ccotel.ports.in.IngestResult;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Holds every export inside the use case until released, as a slow backend POST would. */
final class BlockingIngest implements IngestMetricsUseCase, IngestLogsUseCase {
    private final Semaphore entered = new Semaphore(0);
    private final CountDownLatch release = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger entries = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public IngestResult ingest(IngestMetricsCommand command) {
        return hold();
    }

    @Override
    public IngestResult ingest(IngestLogsCommand command) {
        return hold();
    }

    /** Waits (bounded, so a broken test fails instead of hanging) until {@code count} exports are held. */
    void awaitHeld(int count) throws InterruptedException {
        assertTrue(entered.tryAcquire(count, 10, TimeUnit.SECONDS), count + " exports never reached the use case");
    }

    void release() {
        release.countDown();
    }

    /** Exports that reached the use case so far. */
    int entries() {
        return entries.get();
    }

    private IngestResult hold() {
        entries.incrementAndGet();
        entered.release();
        try {
            release.await();
            return new IngestResult.Success();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IngestResult.RetryLater("interrupted", Optional.empty());
        }
    }
}
