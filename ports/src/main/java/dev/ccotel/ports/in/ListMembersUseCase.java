package dev.ccotel.ports.in;

import dev.ccotel.ports.model.Member;
import java.util.List;

/** {@code ccotel hub member list}. */
public interface ListMembersUseCase {
    List<Member> list();
}
