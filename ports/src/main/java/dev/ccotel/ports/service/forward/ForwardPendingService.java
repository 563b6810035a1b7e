package dev.ccotel.ports.service.forward;

import dev.ccotel.ports.in.ForwardPendingUseCase;
import dev.ccotel.ports.in.ForwardRound;
import dev.ccotel.ports.out.OutboxPort;
import dev.ccotel.ports.out.PendingRequest;
import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.out.PublishTelemetryPort;
import dev.ccotel.ports.service.Futures;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Delivers the outbox, each session's requests in the order they were written. A request leaves the
 * outbox only when the backend took it or refused the data itself; a backend that cannot take it now,
 * or a refused token, ends the round with everything from there on still waiting.
 *
 * <p>A backlog (after an outage, or a daemon that was offline) holds many sessions: their requests go
 * out side by side, up to {@code sessionsAtOnce} sessions at a time, one request of a session after
 * the other, so that draining waits for the backend's round trip once per request of the longest
 * session rather than once per request. A lone session, the usual case while the backend answers,
 * goes out on the caller's thread.
 */
public final class ForwardPendingService implements ForwardPendingUseCase {
    private static final System.Logger LOG = System.getLogger(ForwardPendingService.class.getName());
    /** Sessions sent side by side at most, by default: 16 requests in flight to one backend. */
    public static final int SESSIONS_AT_ONCE = 16;
    /** Requests read from the outbox at a time, per session at once. */
    private static final int PER_SESSION = 32;

    private final OutboxPort outbox;
    private final PublishTelemetryPort publisher;
    private final int sessionsAtOnce;

    public ForwardPendingService(OutboxPort outbox, PublishTelemetryPort publisher) {
        this(outbox, publisher, SESSIONS_AT_ONCE);
    }

    /** @param sessionsAtOnce sessions whose requests go out side by side; 1 sends the outbox one request at a time */
    public ForwardPendingService(OutboxPort outbox, PublishTelemetryPort publisher, int sessionsAtOnce) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        if (sessionsAtOnce < 1) {
            throw new IllegalArgumentException("sessionsAtOnce must be at least 1, got " + sessionsAtOnce);
        }
        this.sessionsAtOnce = sessionsAtOnce;
    }

    @Override
    public ForwardRound forwardPending() {
        int delivered = 0;
        int refused = 0;
        while (true) {
            List<PendingRequest> batch = outbox.oldest(PER_SESSION * sessionsAtOnce);
            if (batch.isEmpty()) {
                return new ForwardRound.Drained(delivered, refused);
            }
            List<Chain> chains = send(bySession(batch));
            // The outbox is written here alone, after the batch: one write for what was taken, then the refusals.
            List<Long> taken = new ArrayList<>();
            Optional<PublishOutcome> stop = Optional.empty();
            for (Chain chain : chains) {
                taken.addAll(chain.taken);
                delivered += chain.taken.size();
                stop = stop.isPresent() ? stop : chain.stoppedBy;
            }
            if (!taken.isEmpty()) {
                outbox.delivered(List.copyOf(taken));
            }
            for (Chain chain : chains) {
                for (Refusal r : chain.refusals) {
                    outbox.refused(r.id(), r.message());
                    refused++;
                }
            }
            if (stop.isPresent()) {
                return switch (stop.get()) {
                    case PublishOutcome.RetryLater r -> new ForwardRound.BackendUnavailable(delivered, refused, r.reason(),
                            r.after());
                    case PublishOutcome.TokenRefused r -> new ForwardRound.TokenRefused(delivered, refused, r.message());
                    default -> throw new IllegalStateException("a chain stopped by " + stop.get());
                };
            }
        }
    }

    /** The batch's requests by session, each session's in the order written, sessions in the order of their first. */
    private static List<List<PendingRequest>> bySession(List<PendingRequest> batch) {
        Map<String, List<PendingRequest>> sessions = new LinkedHashMap<>();
        for (PendingRequest p : batch) {
            sessions.computeIfAbsent(p.request().sessionId(), s -> new ArrayList<>()).add(p);
        }
        return List.copyOf(sessions.values());
    }

    /** Sends every session's chain, side by side when there are several (virtual threads: nothing kept at rest). */
    private List<Chain> send(List<List<PendingRequest>> sessions) {
        if (sessions.size() == 1 || sessionsAtOnce == 1) {
            List<Chain> chains = new ArrayList<>();
            for (List<PendingRequest> session : sessions) {
                Chain chain = chain(session);
                chains.add(chain);
                if (chain.stoppedBy.isPresent()) {
                    break; // one at a time: the backend's answer holds for what comes after too
                }
            }
            return chains;
        }
        List<Future<Chain>> sending = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(sessionsAtOnce, sessions.size()),
                Thread.ofVirtual().name("ccotel-outbox-", 1).factory());
        try {
            for (List<PendingRequest> session : sessions) {
                sending.add(pool.submit(() -> chain(session)));
            }
            List<Chain> chains = new ArrayList<>();
            for (Future<Chain> f : sending) {
                chains.add(Futures.result(f, "forwarding"));
            }
            return chains;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One session's requests, in order, until the backend takes no more of them. */
    private Chain chain(List<PendingRequest> session) {
        Chain chain = new Chain();
        for (PendingRequest pending : session) {
            PublishOutcome outcome = publishSafely(pending);
            switch (outcome) {
                case PublishOutcome.Accepted a -> chain.taken.add(pending.id());
                case PublishOutcome.Rejected r -> {
                    LOG.log(Level.WARNING, "backend refused {0} item(s) of session {1} for good: {2}; kept in the"
                            + " local store, shown by ''ccotel status''", r.count(), pending.request().sessionId(),
                            r.message());
                    chain.refusals.add(new Refusal(pending.id(), r.message()));
                }
                case PublishOutcome.RetryLater r -> {
                    chain.stoppedBy = Optional.of(r);
                    return chain;
                }
                case PublishOutcome.TokenRefused r -> {
                    chain.stoppedBy = Optional.of(r);
                    return chain;
                }
            }
        }
        return chain;
    }

    /** What one session's chain did: taken and refused for good (in order), and the answer that stopped it. */
    private static final class Chain {
        final List<Long> taken = new ArrayList<>();
        final List<Refusal> refusals = new ArrayList<>();
        Optional<PublishOutcome> stoppedBy = Optional.empty();
    }

    private record Refusal(long id, String message) {}

    private PublishOutcome publishSafely(PendingRequest pending) {
        try {
            return publisher.publish(pending.request());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "publisher failed unexpectedly for outbox entry " + pending.id(), e);
            return new PublishOutcome.RetryLater("publisher failed: " + e, Optional.empty());
        }
    }
}
