package dev.ccotel.adapter.sqlite;

/** The local store cannot be opened or read; the message says why, in words a user can act on. */
public class StoreException extends RuntimeException {
    StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
