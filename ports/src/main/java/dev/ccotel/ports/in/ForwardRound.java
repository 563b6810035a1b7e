package dev.ccotel.ports.in;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** How one round of forwarding ended, and how much it moved. */
public sealed interface ForwardRound {

    /** Requests the backend took in this round. */
    int delivered();

    /** Requests the backend refused for good in this round (recorded, not retried). */
    int refused();

    /** Nothing waits any more. */
    record Drained(int delivered, int refused) implements ForwardRound {}

    /** The backend cannot take more now; what waits stays, in order. */
    record BackendUnavailable(int delivered, int refused, String reason, Optional<Duration> after)
            implements ForwardRound {
        public BackendUnavailable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(after, "after");
        }
    }

    /** The backend refused the token; what waits stays until a working token is configured. */
    record TokenRefused(int delivered, int refused, String message) implements ForwardRound {
        public TokenRefused {
            Objects.requireNonNull(message, "message");
        }
    }
}
