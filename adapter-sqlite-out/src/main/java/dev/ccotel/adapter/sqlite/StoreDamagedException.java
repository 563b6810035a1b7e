package dev.ccotel.adapter.sqlite;

import java.nio.file.Path;
import java.util.List;

/** SQLite finds the store file damaged: nothing is acknowledged into it; the message offers the way out. */
public final class StoreDamagedException extends StoreException {
    private StoreDamagedException(String message) {
        super(message, null);
    }

    static StoreDamagedException found(Path store, List<String> problems) {
        String shown = String.join("; ", problems.subList(0, Math.min(3, problems.size())))
                + (problems.size() > 3 ? "; and " + (problems.size() - 3) + " more" : "");
        return new StoreDamagedException("the local store " + store + " is damaged (SQLite: " + shown + ");"
                + " nothing is acknowledged into it. With no daemon running, 'ccotel store recover' moves the damaged"
                + " file aside and keeps what SQLite can still read; 'ccotel store check' shows the damage");
    }
}
