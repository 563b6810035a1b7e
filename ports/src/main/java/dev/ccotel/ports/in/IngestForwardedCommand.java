package dev.ccotel.ports.in;

import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.ports.model.Member;
import java.util.Objects;

/**
 * One request of the backend contract, as a daemon forwarded it to the hub.
 *
 * @param body the request as it came, kept beside the rows it gives
 */
public record IngestForwardedCommand(Member member, SessionUpdate update, byte[] body) {
    public IngestForwardedCommand {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(body, "body");
    }
}
