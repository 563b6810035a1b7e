package dev.ccotel.ports.in;

import java.util.Optional;

/** One session, for the dashboard's session page. */
public interface ReadSessionUseCase {

    /** Empty for a session the store does not hold. */
    Optional<SessionDetail> session(String sessionId);
}
