package dev.ccotel.app.runtime;

import dev.ccotel.ports.in.ForwardPendingUseCase;
import dev.ccotel.ports.in.ForwardRound;
import dev.ccotel.ports.service.forward.Backoff;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The thread that drains the outbox: woken by every kept export, so forwarding happens at once;
 * asleep (no timer, no polling) while nothing waits; backing off while the backend cannot take
 * requests; slow and loud while it refuses the token. One warning when a failure streak starts,
 * naming the backend and the cause, and one line when it ends, saying how much went out.
 */
public final class OutboxForwarder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OutboxForwarder.class.getName());
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    /** How often a refused token is tried again (it may be fixed on the backend's side) and warned about. */
    static final Duration TOKEN_RETRY = Duration.ofMinutes(1);

    /** Told how much each round moved (the activity log's counts). */
    @FunctionalInterface
    public interface Rounds {
        void forwarded(int delivered, int refused);
    }

    private final ForwardPendingUseCase forward;
    private final Rounds rounds;
    private final String backend;
    private final Clock clock;
    private final Backoff backoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread thread;
    private boolean woken = true; // the first round sends what an earlier run left
    private boolean stopping;
    private Instant failingSince;
    private long deliveredInStreak;

    OutboxForwarder(ForwardPendingUseCase forward, String backend, Clock clock, Duration firstBackoff,
            Duration maxBackoff, Rounds rounds) {
        this.forward = forward;
        this.rounds = rounds;
        this.backend = backend;
        this.clock = clock;
        this.backoff = new Backoff(firstBackoff, maxBackoff, new Random());
        this.thread = Thread.ofPlatform().name("ccotel-outbox").daemon(true).unstarted(this::run);
    }

    OutboxForwarder(ForwardPendingUseCase forward, String backend, Clock clock, Duration firstBackoff,
            Duration maxBackoff) {
        this(forward, backend, clock, firstBackoff, maxBackoff, (delivered, refused) -> { });
    }

    public OutboxForwarder(ForwardPendingUseCase forward, String backend, Clock clock, Rounds rounds) {
        this(forward, backend, clock, FIRST_BACKOFF, MAX_BACKOFF, rounds);
    }

    public void start() {
        thread.start();
    }

    /** Something was added to the outbox: forward it now, unless the forwarder is backing off. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        Optional<Duration> pause = Optional.empty();
        while (awaitWork(pause)) {
            pause = round();
        }
    }

    /** One round; what comes back is how long to wait before the next, regardless of wake-ups. */
    private Optional<Duration> round() {
        ForwardRound round;
        try {
            round = forward.forwardPending();
        } catch (RuntimeException e) {
            // A read error of the store is never taken for an empty outbox: try again later.
            return failing("the local store cannot be read (" + e.getMessage() + ")", Optional.empty());
        }
        deliveredInStreak += round.delivered();
        rounds.forwarded(round.delivered(), round.refused());
        return switch (round) {
            case ForwardRound.Drained d when d.delivered() == 0 && d.refused() == 0 && failingSince != null -> {
                // The backend took nothing: what waited left by delivery.outbox.max-age. Whether the backend is
                // back shows with the next export; until then the failure streak goes on.
                LOG.log(Level.INFO, "nothing waits for backend {0} any more: what waited passed delivery.outbox.max-age"
                        + " (see the warning); it has not answered since {1}", backend, failingSince);
                yield Optional.empty();
            }
            case ForwardRound.Drained d -> {
                recovered();
                yield Optional.empty();
            }
            case ForwardRound.BackendUnavailable b -> failing("backend " + backend + " cannot take requests: "
                    + b.reason(), b.after());
            case ForwardRound.TokenRefused t -> {
                LOG.log(Level.WARNING, "backend " + backend + " refused backend.token (" + t.message() + "): nothing"
                        + " is lost, every request waits in the local store; set a working token in the config"
                        + " file or CCOTEL_BACKEND_TOKEN and restart the daemon (tried again every minute)");
                failingSince = failingSince == null ? clock.instant() : failingSince;
                yield Optional.of(TOKEN_RETRY);
            }
        };
    }

    private Optional<Duration> failing(String cause, Optional<Duration> retryAfter) {
        if (failingSince == null) {
            failingSince = clock.instant();
            deliveredInStreak = 0;
            LOG.log(Level.WARNING, cause + "; what it has not taken waits in the local store and goes out in order"
                    + " once it answers");
        } else {
            LOG.log(Level.DEBUG, () -> cause);
        }
        return Optional.of(backoff.nextWait(retryAfter));
    }

    private void recovered() {
        backoff.reset();
        if (failingSince != null) {
            LOG.log(Level.INFO, "backend {0} takes requests again after {1} s; {2} request(s) sent since", backend,
                    Duration.between(failingSince, clock.instant()).toSeconds(), deliveredInStreak);
            failingSince = null;
        }
    }

    /** Waits for a wake-up (or, after a failure, for the pause to end); false once stopping. */
    private boolean awaitWork(Optional<Duration> pause) {
        lock.lock();
        try {
            if (pause.isPresent()) {
                long nanos = pause.get().toNanos();
                while (!stopping && nanos > 0) {
                    nanos = changed.awaitNanos(nanos);
                }
                woken = false;
            } else {
                while (!stopping && !woken) {
                    changed.await();
                }
                woken = false;
            }
            return !stopping;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Stops after the request in flight; what waits stays in the store for the next run. */
    @Override
    public void close() {
        lock.lock();
        try {
            stopping = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
