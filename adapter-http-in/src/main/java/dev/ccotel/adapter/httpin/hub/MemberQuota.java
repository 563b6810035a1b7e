package dev.ccotel.adapter.httpin.hub;

import dev.ccotel.ports.model.Member;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Requests of one member in flight at once, bounded: a member's runaway exporter gets 429 and waits,
 * the rest of the team does not. Per hub process; several hubs each bound it.
 */
public final class MemberQuota {
    private final int perMember;
    private final Map<Long, Semaphore> inFlight = new ConcurrentHashMap<>();

    public MemberQuota(int perMember) {
        this.perMember = perMember;
    }

    /** A permit to release when the request is answered, or empty when the member is at the bound. */
    public Optional<Runnable> tryEnter(Member member) {
        Semaphore permits = inFlight.computeIfAbsent(member.id(), id -> new Semaphore(perMember));
        return permits.tryAcquire() ? Optional.of(permits::release) : Optional.empty();
    }

    public int perMember() {
        return perMember;
    }
}
