package dev.ccotel.adapter.grpc;

import dev.ccotel.ports.service.hub.MemberQuota;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Objects;

/**
 * The hub's per-member bounds on its gRPC calls, the same quota its HTTP port applies: placed inside
 * {@link MemberCalls} (it needs the call's member) and outside the overall {@link ConcurrencyLimit}, so a
 * member over their own share takes no place the rest of the team needs. Over a bound the call is
 * closed RESOURCE_EXHAUSTED naming it; Claude Code's exporter drops that export (it never retries), so
 * the bounds are set far above what one working member sends.
 */
final class MemberBounds implements ServerInterceptor {
    private final MemberQuota quota;

    MemberBounds(MemberQuota quota) {
        this.quota = Objects.requireNonNull(quota, "quota");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        return switch (quota.tryEnter(MemberCalls.current())) {
            case MemberQuota.Entry.Admitted admitted -> CallPermit.hold(call, headers, next, admitted.leave());
            case MemberQuota.Entry.Refused refused -> {
                call.close(Status.RESOURCE_EXHAUSTED.withDescription("this member is over the hub's bound of "
                        + refused.description() + " (" + key(refused.bound()) + "); retry later"), new Metadata());
                yield new ServerCall.Listener<>() {};
            }
        };
    }

    static String key(MemberQuota.Bound bound) {
        return switch (bound) {
            case IN_FLIGHT -> "hub.max-concurrent-per-member";
            case PER_SECOND -> "hub.max-requests-per-second";
        };
    }
}
