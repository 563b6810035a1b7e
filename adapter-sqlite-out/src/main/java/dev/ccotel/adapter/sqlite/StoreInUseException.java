package dev.ccotel.adapter.sqlite;

import java.nio.file.Path;

/**
 * Another process holds the store: a second daemon (or a second hub on a hub's file) must not start on
 * it (exit 2, naming the holder).
 */
public final class StoreInUseException extends StoreException {
    private final Path store;
    private final String holder;

    StoreInUseException(Path store, String holder) {
        this("store.path " + store + " is in use by another ccotel (" + holder + "); stop that daemon first,"
                + " or give this one another store.path", store, holder);
    }

    private StoreInUseException(String message, Path store, String holder) {
        super(message, null);
        this.store = store;
        this.holder = holder;
    }

    /** The same conflict, said of a hub's file: the key to change is the hub's. */
    StoreInUseException ofHub(String key) {
        return new StoreInUseException(key + " " + store + " is in use by another ccotel (" + holder + "); one hub"
                + " process at a time keeps a SQLite file: stop that one first, give this one another " + key
                + ", or move the team to PostgreSQL (hub.database.url), which several hubs may share", store, holder);
    }
}
