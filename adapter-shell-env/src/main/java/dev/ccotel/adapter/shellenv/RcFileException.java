package dev.ccotel.adapter.shellenv;

import java.io.IOException;

/** A problem with an rc file that ccotel found itself; its message is complete and meant for the user. */
final class RcFileException extends IOException {

    RcFileException(String message) {
        super(message);
    }
}
