package dev.ccotel.ports.service.hub;

import dev.ccotel.ports.in.AddMemberUseCase;
import dev.ccotel.ports.in.ListMembersUseCase;
import dev.ccotel.ports.in.RemoveMemberUseCase;
import dev.ccotel.ports.model.Member;
import dev.ccotel.ports.out.ManageMembersPort;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** {@code ccotel hub member add|list|remove}: tokens are made here and only their hashes leave. */
public final class MembersService implements AddMemberUseCase, ListMembersUseCase, RemoveMemberUseCase {
    private final ManageMembersPort members;
    private final RandomGenerator random;
    private final Clock clock;

    /** @param random where tokens come from: a {@code SecureRandom} outside tests */
    public MembersService(ManageMembersPort members, RandomGenerator random, Clock clock) {
        this.members = Objects.requireNonNull(members, "members");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Added> add(String name) {
        Member.requireValidName(name);
        String token = MemberTokens.newToken(random);
        return members.add(name, MemberTokens.sha256(token), clock.instant()).map(m -> new Added(m, token));
    }

    @Override
    public List<Member> list() {
        return members.list();
    }

    @Override
    public boolean remove(String name) {
        return members.remove(name, clock.instant());
    }
}
