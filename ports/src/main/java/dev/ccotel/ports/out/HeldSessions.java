package dev.ccotel.ports.out;

import java.util.Objects;

/** Sessions held by {@link LockSessionsPort}; closing lets others have them. */
public record HeldSessions(Runnable release) implements AutoCloseable {
    /** What is held by nobody beyond this process: nothing to let go. */
    public static final HeldSessions NOTHING = new HeldSessions(() -> {});

    public HeldSessions {
        Objects.requireNonNull(release, "release");
    }

    @Override
    public void close() {
        release.run();
    }
}
