package dev.ccotel.adapter.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Bounds the exports in flight. Each one may hold a thread for the use case's whole delivery budget, so
 * no more than {@code limit} run at once. A call past the bound waits for a place, up to
 * {@link #WAITING_PER_PLACE} calls per place, each at most {@link #LONGEST_WAIT} and never past its
 * deadline: a burst while the JVM is still cold, or the store is slow for a moment, waits instead of
 * bouncing (Claude Code's gRPC exporter does not resend a refused export). At 100 exports/s the default
 * 64 places and 256 waiting ride out a stall of three seconds; a cold daemon on a busy machine stalled
 * two (docs/PERFORMANCE.md). Only past both bounds, or after the wait, is the answer RESOURCE_EXHAUSTED. A waiting call has not started: its message is not read, and it holds no
 * transport thread (it waits on a virtual thread of its own).
 */
final class ConcurrencyLimit implements ServerInterceptor {
    /** The longest a call waits for a place; an OTLP exporter's own timeout is 10 s by default. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(10);
    /** Calls that may wait per place. */
    static final int WAITING_PER_PLACE = 4;
    /** What is kept of a call's deadline for the export itself once it has its place. */
    private static final long KEPT_FOR_THE_EXPORT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final int limit;
    private final Semaphore permits;
    private final Semaphore waiting;
    private final Executor waiters;

    /** @param waiters where calls wait for a place (virtual threads); shut down by the receiver's owner */
    ConcurrencyLimit(int limit, Executor waiters) {
        this.limit = limit;
        this.permits = new Semaphore(limit);
        this.waiting = new Semaphore(waitingBound(limit));
        this.waiters = waiters;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        if (permits.tryAcquire()) {
            return CallPermit.hold(call, headers, next, permits::release);
        }
        if (!waiting.tryAcquire()) {
            return refuse(call, "ccotel is already handling " + limit + " exports and " + waitingBound(limit)
                    + " more wait; retry later or raise receiver.max-concurrent-calls");
        }
        Waiting<Q, R> waiter = new Waiting<>(call, headers, next);
        long waitNanos = waitNanos(Context.current().getDeadline());
        try {
            waiters.execute(Context.current().wrap(() -> {
                boolean admitted = false;
                try {
                    admitted = waiter.waitsOn(Thread.currentThread())
                            && permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) { // the call was cancelled, or the receiver is stopping
                    Thread.currentThread().interrupt();
                } finally {
                    waiting.release();
                }
                waiter.admitted(admitted, permits::release, "ccotel was handling " + limit
                        + " exports for the whole wait; retry later or raise receiver.max-concurrent-calls");
            }));
        } catch (RejectedExecutionException e) { // stopping
            waiting.release();
            return refuse(call, "ccotel is shutting down; retry the export");
        }
        return waiter;
    }

    /** Calls waiting for a place now. */
    int waiting() {
        return waitingBound(limit) - waiting.availablePermits();
    }

    /** How many calls may wait for a place, at most; saturates for the largest limits. */
    static int waitingBound(int limit) {
        return (int) Math.min(Integer.MAX_VALUE, (long) limit * WAITING_PER_PLACE);
    }

    static long waitNanos(Deadline deadline) {
        long longest = LONGEST_WAIT.toNanos();
        if (deadline == null) {
            return longest;
        }
        return Math.max(0, Math.min(longest, deadline.timeRemaining(TimeUnit.NANOSECONDS) - KEPT_FOR_THE_EXPORT_NANOS));
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String why) {
        call.close(Status.RESOURCE_EXHAUSTED.withDescription(why), new Metadata());
        return new ServerCall.Listener<>() {};
    }

    /**
     * A call waiting for its place. Until it has one it has asked for no message, so the only event the
     * transport can bring is a cancel (or readiness, which means nothing yet); once admitted, the call
     * starts as any other, and every event goes to the handler's listener. The handler asks for its
     * message while it starts, and gRPC may deliver it at once, on this same thread, before the handler's
     * listener is known: such events are kept and handed over, in order, as soon as it is.
     */
    private static final class Waiting<Q, R> extends ServerCall.Listener<Q> {
        private final ServerCall<Q, R> call;
        private final Metadata headers;
        private final ServerCallHandler<Q, R> next;
        private ServerCall.Listener<Q> started; // guarded by this
        private boolean starting; // guarded by this
        private final List<Consumer<ServerCall.Listener<Q>>> early = new ArrayList<>(); // guarded by this
        private boolean cancelled; // guarded by this
        private Thread waiting; // guarded by this

        Waiting(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            this.call = call;
            this.headers = headers;
            this.next = next;
        }

        /** Whether the call still wants its place; a cancel interrupts {@code thread} from now on. */
        synchronized boolean waitsOn(Thread thread) {
            this.waiting = thread;
            return !cancelled;
        }

        /**
         * Starts the call with its place, or refuses it; a call cancelled meanwhile gives the place back.
         * Held under the lock while the handler starts: an event from the transport thread waits for it.
         */
        synchronized void admitted(boolean admitted, Runnable release, String refusal) {
            if (cancelled) {
                if (admitted) {
                    release.run();
                }
                return;
            }
            if (!admitted) {
                cancelled = true;
                call.close(Status.RESOURCE_EXHAUSTED.withDescription(refusal), new Metadata());
                return;
            }
            starting = true;
            ServerCall.Listener<Q> listener = CallPermit.hold(call, headers, next, release);
            started = listener;
            early.forEach(event -> event.accept(listener));
            early.clear();
        }

        /** Hands {@code event} to the started call, keeps it while the call starts, drops it before. */
        private void deliver(Consumer<ServerCall.Listener<Q>> event) {
            ServerCall.Listener<Q> listener;
            synchronized (this) {
                listener = started;
                if (listener == null) {
                    if (starting) {
                        early.add(event);
                    }
                    return;
                }
            }
            event.accept(listener);
        }

        @Override
        public void onMessage(Q message) {
            deliver(listener -> listener.onMessage(message));
        }

        @Override
        public void onHalfClose() {
            deliver(ServerCall.Listener::onHalfClose);
        }

        @Override
        public void onCancel() {
            synchronized (this) {
                if (started == null && !starting) {
                    cancelled = true;
                    if (waiting != null) {
                        waiting.interrupt();
                    }
                    return;
                }
            }
            deliver(ServerCall.Listener::onCancel);
        }

        @Override
        public void onComplete() {
            deliver(ServerCall.Listener::onComplete);
        }

        @Override
        public void onReady() {
            deliver(ServerCall.Listener::onReady);
        }
    }
}
