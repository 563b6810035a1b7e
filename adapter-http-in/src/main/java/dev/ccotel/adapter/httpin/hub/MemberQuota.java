package dev.ccotel.adapter.httpin.hub;

import dev.ccotel.ports.model.Member;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * One member's share of the hub, bounded twice: requests in flight at once, and requests a second (a
 * token bucket holding two seconds' worth, so a daemon's burst after a reconnect passes and a runaway
 * loop does not). Over either bound the member gets 429 and retries; the rest of the team does not
 * wait. Per hub process; several hubs each bound it.
 */
public final class MemberQuota {
    private final int perMember;
    private final double perSecond;
    private final LongSupplier nanoTime;
    private final Map<Long, Share> shares = new ConcurrentHashMap<>();

    /** @param perSecond requests a second per member; 0 for no such bound */
    public MemberQuota(int perMember, int perSecond, LongSupplier nanoTime) {
        this.perMember = perMember;
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
    }

    /** A permit to release when the request is answered, or why the member must wait. */
    public Optional<Runnable> tryEnter(Member member) {
        Share share = shares.computeIfAbsent(member.id(), id -> new Share(perMember, 2 * perSecond, nanoTime.getAsLong()));
        if (perSecond > 0 && !share.take(perSecond, nanoTime.getAsLong())) {
            return Optional.empty();
        }
        return share.inFlight.tryAcquire() ? Optional.of(share.inFlight::release) : Optional.empty();
    }

    public String bounds() {
        return perMember + " requests at once" + (perSecond > 0 ? " and " + (long) perSecond + " a second" : "");
    }

    private static final class Share {
        final Semaphore inFlight;
        private final double capacity;
        private double tokens;
        private long last;

        Share(int perMember, double capacity, long now) {
            this.inFlight = new Semaphore(perMember);
            this.capacity = capacity;
            this.tokens = capacity;
            this.last = now;
        }

        synchronized boolean take(double perSecond, long now) {
            tokens = Math.min(capacity, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
