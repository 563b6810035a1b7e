package dev.ccotel.ports.out;

import dev.ccotel.ports.model.Member;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The hub's members and the hashes of their tokens. */
public interface ManageMembersPort {
    /** Adds a member; empty when a member of that name exists already. */
    Optional<Member> add(String name, String tokenSha256, Instant at);

    /** Members who may send, by name. */
    List<Member> list();

    /** Revokes the member's token at once (what they sent stays theirs); false when there is no such member. */
    boolean remove(String name, Instant at);

    /** The member whose token has this hash, unless removed. */
    Optional<Member> byTokenHash(String tokenSha256);
}
