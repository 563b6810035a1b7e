package dev.ccotel.app.runtime;

import dev.ccotel.adapter.sqlite.SqliteStore;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** {@code store.max-age} applied once a day while the daemon runs (it is applied at start too); one timer, no polling. */
final class DailyPrune implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DailyPrune.class.getName());

    private final ScheduledExecutorService timer;

    private DailyPrune(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static DailyPrune start(SqliteStore store) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("ccotel-prune").daemon(true).factory());
        timer.scheduleAtFixedRate(() -> {
            try {
                store.prune();
            } catch (SQLException | RuntimeException e) {
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
