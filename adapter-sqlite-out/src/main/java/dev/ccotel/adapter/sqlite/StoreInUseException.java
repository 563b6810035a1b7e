package dev.ccotel.adapter.sqlite;

import java.nio.file.Path;

/** Another process holds the store: a second daemon must not start on it (exit 2, naming the holder). */
public final class StoreInUseException extends StoreException {
    StoreInUseException(Path store, String holder) {
        super("store.path " + store + " is in use by another ccotel (" + holder + "); stop that daemon first,"
                + " or give this one another store.path", null);
    }
}
