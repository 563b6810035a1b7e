package dev.ccotel.ports.fakes;

import dev.ccotel.ports.model.Member;
import dev.ccotel.ports.out.ManageMembersPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Members in a map, as the hub's store keeps them: names unique among current members, hashes only. */
public final class InMemoryMembers implements ManageMembersPort {
    private final Map<String, Member> byHash = new LinkedHashMap<>();
    private long nextId = 1;

    @Override
    public synchronized Optional<Member> add(String name, String tokenSha256, Instant at) {
        if (byHash.values().stream().anyMatch(m -> m.name().equals(name))) {
            return Optional.empty();
        }
        Member member = new Member(nextId++, name, at);
        byHash.put(tokenSha256, member);
        return Optional.of(member);
    }

    @Override
    public synchronized List<Member> list() {
        return new ArrayList<>(byHash.values());
    }

    @Override
    public synchronized boolean remove(String name, Instant at) {
        return byHash.values().removeIf(m -> m.name().equals(name));
    }

    @Override
    public synchronized Optional<Member> byTokenHash(String tokenSha256) {
        return Optional.ofNullable(byHash.get(tokenSha256));
    }

    /** The hashes kept, for tests that check no token is. */
    public synchronized List<String> hashes() {
        return new ArrayList<>(byHash.keySet());
    }
}
