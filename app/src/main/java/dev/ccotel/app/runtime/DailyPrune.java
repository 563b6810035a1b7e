package dev.ccotel.app.runtime;

import java.lang.System.Logger.Level;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** {@code store.max-age} applied once a day while the daemon runs (it is applied at start too); one timer, no polling. */
public final class DailyPrune implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DailyPrune.class.getName());

    private final ScheduledExecutorService timer;

    private DailyPrune(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** What is pruned: returns the rows it deleted; may throw, and is tried again the next day. */
    @FunctionalInterface
    public interface Prune {
        long prune() throws Exception;
    }

    public static DailyPrune start(Prune store) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("ccotel-prune").daemon(true).factory());
        timer.scheduleAtFixedRate(() -> {
            try {
                store.prune();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "pruning the local store failed ({0}); trying again tomorrow", e.getMessage());
            }
        }, 1, 1, TimeUnit.DAYS);
        return new DailyPrune(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
