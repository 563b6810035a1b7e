package dev.ccotel.adapter.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A place a call holds from its start to its end, given back exactly once by whichever end comes first.
 * Shared by the receiver's overall bound ({@link ConcurrencyLimit}) and the hub's per-member one
 * ({@link MemberBounds}), which differ only in where the place comes from.
 */
final class CallPermit {
    private final AtomicBoolean held = new AtomicBoolean(true);
    private final Runnable release;

    private CallPermit(Runnable release) {
        this.release = release;
    }

    /** Starts the call holding a place that {@code release} gives back when the call ends. */
    static <Q, R> ServerCall.Listener<Q> hold(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next,
            Runnable release) {
        CallPermit permit = new CallPermit(release);
        try {
            return new Releasing<>(next.startCall(new ReleasingCall<>(call, permit), headers), permit);
        } catch (RuntimeException e) {
            permit.release();
            throw e;
        }
    }

    void release() {
        if (held.compareAndSet(true, false)) {
            release.run();
        }
    }

    /**
     * Releases before the status goes out, so a client that saw its answer can send the next export
     * without racing the release.
     */
    private static final class ReleasingCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private final CallPermit permit;

        ReleasingCall(ServerCall<Q, R> call, CallPermit permit) {
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
        private final CallPermit permit;

        Releasing(ServerCall.Listener<Q> delegate, CallPermit permit) {
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
