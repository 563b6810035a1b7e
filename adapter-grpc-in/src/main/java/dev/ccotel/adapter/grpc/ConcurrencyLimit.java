package dev.ccotel.adapter.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.Semaphore;

/**
 * Bounds the exports in flight. Each one may hold a thread for the use case's whole delivery budget,
 * so past the bound the receiver says RESOURCE_EXHAUSTED at once instead of queueing without limit.
 */
final class ConcurrencyLimit implements ServerInterceptor {
    private final int limit;
    private final Semaphore permits;

    ConcurrencyLimit(int limit) {
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        if (!permits.tryAcquire()) {
            call.close(Status.RESOURCE_EXHAUSTED.withDescription("ccotel is already handling " + limit
                    + " exports; retry later or raise receiver.max-concurrent-calls"), new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return CallPermit.hold(call, headers, next, permits::release);
    }
}
