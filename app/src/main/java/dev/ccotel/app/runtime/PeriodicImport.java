package dev.ccotel.app.runtime;

import dev.ccotel.app.config.ImportConfig;
import dev.ccotel.ports.in.ImportSummary;
import dev.ccotel.ports.in.ImportTranscriptsCommand;
import dev.ccotel.ports.in.ImportTranscriptsUseCase;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code import.auto}: the daemon imports Claude Code's transcripts at start and every
 * {@code import.interval}, so a session run while it was stopped appears by itself. One timer thread;
 * an import over unchanged files reads no file, only their sizes and times.
 */
public final class PeriodicImport implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PeriodicImport.class.getName());

    private final ScheduledExecutorService timer;

    private PeriodicImport(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    public static PeriodicImport start(ImportTranscriptsUseCase imports, ImportConfig config) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("ccotel-import").daemon(true).factory());
        ImportTranscriptsCommand command = new ImportTranscriptsCommand(config.roots(),
                ImportTranscriptsCommand.SILENT);
        timer.scheduleWithFixedDelay(() -> {
            try {
                ImportSummary done = imports.importTranscripts(command);
                if (done.sessionsKept() > 0 || !done.skipped().isEmpty()) {
                    LOG.log(Level.INFO, "imported {0} session(s) from {1} changed transcript file(s){2}",
                            done.sessionsKept(), done.filesRead(), done.skipped().isEmpty() ? ""
                                    : "; skipped " + done.skipped());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "importing Claude Code's transcripts failed ({0}); trying again in {1}",
                        e.getMessage(), config.interval());
            }
        }, 0, config.interval().toMillis(), TimeUnit.MILLISECONDS);
        return new PeriodicImport(timer);
    }

    /** Stops the timer; an import in progress ends at its next batch (its transaction is whole or nothing). */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS); // before the store closes under it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
