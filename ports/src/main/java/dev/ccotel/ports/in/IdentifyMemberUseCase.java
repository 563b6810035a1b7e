package dev.ccotel.ports.in;

import dev.ccotel.ports.model.Member;
import java.util.Optional;

/** Who sent a request to the hub, by the token it carries; empty for a wrong or revoked one. */
public interface IdentifyMemberUseCase {
    Optional<Member> identify(String token);
}
