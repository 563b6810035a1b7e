package dev.ccotel.ports.service.hub;

import dev.ccotel.ports.in.IdentifyMemberUseCase;
import dev.ccotel.ports.model.Member;
import dev.ccotel.ports.out.ManageMembersPort;
import java.util.Objects;
import java.util.Optional;

/**
 * A request's token to its member, asked of the store every time: a removed member's token is
 * refused from the next request on, in every hub on the same database.
 */
public final class IdentifyMemberService implements IdentifyMemberUseCase {
    private final ManageMembersPort members;

    public IdentifyMemberService(ManageMembersPort members) {
        this.members = Objects.requireNonNull(members, "members");
    }

    @Override
    public Optional<Member> identify(String token) {
        if (token == null || !token.startsWith(MemberTokens.PREFIX)) {
            return Optional.empty(); // not one of ours: spares the store a look-up
        }
        return members.byTokenHash(MemberTokens.sha256(token));
    }
}
