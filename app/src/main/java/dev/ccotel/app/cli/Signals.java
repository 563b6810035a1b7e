package dev.ccotel.app.cli;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT end the daemon gracefully with exit code 0. A JVM shutdown hook alone would
 * exit with 143 after the hooks ran; handling the signal lets the main thread drain and return.
 */
final class Signals {
    private Signals() {}

    static void onTermination(Runnable action) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> action.run());
            } catch (IllegalArgumentException unsupported) {
                // the signal is not available on this platform or already used by the JVM: skip it
            }
        }
    }
}
