package dev.ccotel.ports.out;

import dev.ccotel.domain.context.SessionContext;
import java.util.OptionalDouble;

/** Where session contexts are kept, and the session's cost is read back for its statusline. */
public interface KeepSessionContextPort {

    /**
     * Keeps what the context says of its session (folder, repo, branch, ...) and its limit use, when
     * that changed since the last snapshot of the same window.
     *
     * @throws IllegalStateException when the store cannot take it, with the reason in words
     */
    void keep(SessionContext context);

    /** The session's cost as its telemetry says, empty before telemetry of the session arrived. */
    OptionalDouble telemetryCostUsd(String sessionId);

    /** Keeps nothing and knows no cost: for a daemon without a store. */
    KeepSessionContextPort NONE = new KeepSessionContextPort() {
        @Override
        public void keep(SessionContext context) {
        }

        @Override
        public OptionalDouble telemetryCostUsd(String sessionId) {
            return OptionalDouble.empty();
        }
    };
}
