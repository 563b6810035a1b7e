package dev.ccotel.ports.out;

import java.util.Set;

/**
 * Holds sessions from loading their state to keeping the result, beyond this process: several hubs
 * on one database fold one session's exports one after the other, never both from the same state.
 */
public interface LockSessionsPort {
    /**
     * Waits until no one else holds these sessions, then holds them until the result is closed.
     *
     * @throws IllegalStateException when they cannot be locked now (the database is away, the wait too long)
     */
    HeldSessions lock(Set<String> sessionIds);
}
