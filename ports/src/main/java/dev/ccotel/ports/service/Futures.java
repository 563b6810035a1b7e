package dev.ccotel.ports.service;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work a service handed to another thread. */
public final class Futures {
    private Futures() {
    }

    /**
     * The result of {@code f}; its failure rethrown as it was (a checked one wrapped).
     *
     * @param work what was waited for, for the message when the wait is interrupted ("the import")
     */
    public static <T> T result(Future<T> f, String work) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(work + " was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
