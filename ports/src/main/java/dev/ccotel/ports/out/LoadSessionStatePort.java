package dev.ccotel.ports.out;

import dev.ccotel.domain.SessionState;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Where the sessions' states are read from before an export is folded in. */
public interface LoadSessionStatePort {

    /** The states known for these sessions; a session with none is absent from the map. */
    Map<String, SessionState> load(Set<String> sessionIds);

    /**
     * Since when states have been kept here: a cumulative series of a new session that started
     * before this may have been forwarded from somewhere else, so its first point is a baseline.
     */
    Instant trustedSince();
}
