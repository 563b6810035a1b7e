package dev.ccotel.ports.service.hub;

import dev.ccotel.ports.model.Member;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * One member's share of the hub, bounded twice: requests in flight at once, and requests a second (a
 * token bucket holding two seconds' worth, so a daemon's burst after a reconnect passes and a runaway
 * loop does not). Over either bound the member is told to retry; the rest of the team does not wait.
 * One quota per hub process, shared by its HTTP and gRPC listeners (a member's share is of the hub, not
 * of a port); several hubs each bound it. Here, beside the other hub services, so that both inbound
 * adapters apply the same bounds without knowing each other.
 */
public final class MemberQuota {
    private final int perMember;
    private final double perSecond;
    private final LongSupplier nanoTime;
    private final Map<Long, Share> shares = new ConcurrentHashMap<>();

    /** Which bound refused a request, to say in the answer. */
    public enum Bound {
        IN_FLIGHT, PER_SECOND
    }

    /** The member may go on (and calls {@link Admitted#leave} once, when the request is answered), or may not. */
    public sealed interface Entry {
        record Admitted(Runnable leave) implements Entry {
            public Admitted {
                Objects.requireNonNull(leave, "leave");
            }
        }

        /** @param description the bound in words, e.g. "16 requests at once" */
        record Refused(Bound bound, String description) implements Entry {}
    }

    /**
     * @param perMember requests of one member in flight at once, at least 1
     * @param perSecond requests a second per member; 0 for no such bound
     * @param nanoTime a monotonic clock in nanoseconds (System::nanoTime; a fake one in tests)
     */
    public MemberQuota(int perMember, int perSecond, LongSupplier nanoTime) {
        if (perMember < 1 || perSecond < 0) {
            throw new IllegalArgumentException("a member's bounds are at least 1 request at once and 0 (none) or more"
                    + " a second, got " + perMember + " and " + perSecond);
        }
        this.perMember = perMember;
        this.perSecond = perSecond;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** Takes one of the member's places, or says which bound they are over. */
    public Entry tryEnter(Member member) {
        Share share = shares.computeIfAbsent(member.id(), id -> new Share(perMember, 2 * perSecond, nanoTime.getAsLong()));
        if (perSecond > 0 && !share.take(perSecond, nanoTime.getAsLong())) {
            return new Entry.Refused(Bound.PER_SECOND, requests((long) perSecond) + " a second");
        }
        if (!share.inFlight.tryAcquire()) {
            return new Entry.Refused(Bound.IN_FLIGHT, requests(perMember) + " at once");
        }
        return new Entry.Admitted(share.inFlight::release);
    }

    private static String requests(long n) {
        return n + (n == 1 ? " request" : " requests");
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
