package dev.ccotel.ports.out;

import dev.ccotel.domain.SessionState;
import dev.ccotel.domain.model.SessionUpdate;
import java.util.List;
import java.util.Objects;

/**
 * What one export leaves to be kept: its requests (each with its wire form) and the new state of
 * each of its sessions. Kept as a whole or not at all.
 */
public record KeptExport(List<Request> requests, List<SessionState> states) {
    public KeptExport {
        requests = List.copyOf(requests);
        states = List.copyOf(states);
    }

    /** A request as the domain made it, and as it goes to the backend. */
    public record Request(SessionUpdate request, EncodedRequest encoded) {
        public Request {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(encoded, "encoded");
        }
    }
}
