package dev.ccotel.ports.in;

import dev.ccotel.ports.model.Member;
import java.util.Objects;
import java.util.Optional;

/** {@code ccotel hub member add NAME}: a new member and their token, shown this once. */
public interface AddMemberUseCase {
    /** Empty when a member of that name exists already. */
    Optional<Added> add(String name);

    /** The member and the token they send; only its hash is kept. */
    record Added(Member member, String token) {
        public Added {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Added[member=" + member + ", token=(hidden)]";
        }
    }
}
