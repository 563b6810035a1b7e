package dev.ccotel.ports.service.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ccotel.ports.model.Member;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-member bounds on a fake monotonic clock: no test here waits for real time. */
class MemberQuotaTest {
    private static final Member ADA = new Member(1, "ada", Instant.EPOCH);
    private static final Member BOB = new Member(2, "bob", Instant.EPOCH);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void overTheRequestsInFlight_isRefusedNamingThatBound_untilOneLeaves() {
        MemberQuota quota = new MemberQuota(2, 0, nanos::get);
        MemberQuota.Entry.Admitted first = assertInstanceOf(MemberQuota.Entry.Admitted.class, quota.tryEnter(ADA));
        assertInstanceOf(MemberQuota.Entry.Admitted.class, quota.tryEnter(ADA));

        MemberQuota.Entry.Refused refused = assertInstanceOf(MemberQuota.Entry.Refused.class, quota.tryEnter(ADA));
        assertEquals(MemberQuota.Bound.IN_FLIGHT, refused.bound());
        assertEquals("2 requests at once", refused.description());
        assertInstanceOf(MemberQuota.Entry.Admitted.class, quota.tryEnter(BOB), "bob has a share of his own");

        first.leave().run();
        assertInstanceOf(MemberQuota.Entry.Admitted.class, quota.tryEnter(ADA), "her place is free again");
    }

    @Test
    void overTheRequestsASecond_isRefusedNamingThatBound_afterABurstOfTwoSeconds_andRefillsWithTime() {
        MemberQuota quota = new MemberQuota(100, 3, nanos::get);
        for (int i = 0; i < 6; i++) {
            admitAndLeave(quota, ADA);
        }
        MemberQuota.Entry.Refused refused = assertInstanceOf(MemberQuota.Entry.Refused.class, quota.tryEnter(ADA));
        assertEquals(MemberQuota.Bound.PER_SECOND, refused.bound());
        assertEquals("3 requests a second", refused.description());
        admitAndLeave(quota, BOB);

        nanos.addAndGet(1_000_000_000L); // a second later: three more
        for (int i = 0; i < 3; i++) {
            admitAndLeave(quota, ADA);
        }
        assertInstanceOf(MemberQuota.Entry.Refused.class, quota.tryEnter(ADA));
    }

    @Test
    void zeroASecond_isNoSuchBound() {
        MemberQuota quota = new MemberQuota(1, 0, nanos::get);
        for (int i = 0; i < 1_000; i++) {
            admitAndLeave(quota, ADA);
        }
    }

    @Test
    void boundsThatAdmitNothing_areRefusedAtConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new MemberQuota(0, 1, nanos::get));
        assertThrows(IllegalArgumentException.class, () -> new MemberQuota(1, -1, nanos::get));
    }

    private static void admitAndLeave(MemberQuota quota, Member member) {
        assertInstanceOf(MemberQuota.Entry.Admitted.class, quota.tryEnter(member)).leave().run();
    }
}
