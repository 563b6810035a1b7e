package dev.ccotel.adapter.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

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
        Permit permit = new Permit();
        try {
            return new Releasing<>(next.startCall(new ReleasingCall<>(call, permit), headers), permit);
        } catch (RuntimeException e) {
            permit.release();
            throw e;
        }
    }

    /** Released exactly once, by whichever end of the call comes first. */
    private final class Permit {
        private final AtomicBoolean held = new AtomicBoolean(true);

        void release() {
            if (held.compareAndSet(true, false)) {
                permits.release();
            }
        }
    }

    /**
     * Releases before the status goes out, so a client that saw its answer can send the next export
     * without racing the release.
     */
    private static final class ReleasingCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private final Permit permit;

        ReleasingCall(ServerCall<Q, R> call, Permit permit) {
            super(call);
            this.permit = permit;
        }

        @Override
        public void close(Status status, Metadata trailers) {
            permit.release();
            super.close(status, trailers);
        }
    }

    /**
     * Covers the calls that end without the handler closing them: a request that failed to parse, or
     * a client that cancelled. (After a cancel the handler may still be running; that thread is no longer
     * counted, but it is bounded by the use case's delivery budget.)
     */
    private static final class Releasing<Q> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
        private final Permit permit;

        Releasing(ServerCall.Listener<Q> delegate, Permit permit) {
            super(delegate);
            this.permit = permit;
        }

        @Override
        public void onCancel() {
            permit.release();
            super.onCancel();
        }

        @Override
        public void onComplete() {
            permit.release();
            super.onComplete();
        }
    }
}
