package dev.ccotel.adapter.httpout.client;

import dev.ccotel.ports.out.EncodedRequest;
import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.out.PublishOutcome.RetryLater;
import dev.ccotel.ports.service.forward.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Pure passthrough's retries: what the backend could not take now is posted again, with backoff
 * and jitter, while the retry budget lasts. Claude Code sends each gRPC export once and waits at
 * most 30 s for the answer, so the budget bounds when a retry may still start; the last one can
 * add one timeout. A {@code Retry-After} is a floor for the wait; when it reaches past the budget
 * we stop at once, because waiting would only use up the client's deadline for the same answer.
 */
public final class RetryingPublisher implements BackendClient {
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final BackendClient delegate;
    private final Duration budget;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Supplier<Backoff> backoffs;

    RetryingPublisher(BackendClient delegate, Duration budget, Clock clock, Sleeper sleeper,
            Supplier<Backoff> backoffs) {
        this.delegate = delegate;
        this.budget = budget;
        this.clock = clock;
        this.sleeper = sleeper;
        this.backoffs = backoffs;
    }

    /** Retries around {@code delegate} within {@code budget}, sleeping for real. */
    public static RetryingPublisher around(BackendClient delegate, Duration budget, Clock clock) {
        Random random = new Random();
        return new RetryingPublisher(delegate, budget, clock, Sleeper.REAL,
                () -> new Backoff(FIRST_BACKOFF, MAX_BACKOFF, random));
    }

    @Override
    public PublishOutcome publish(EncodedRequest request) {
        Instant start = clock.instant();
        Instant deadline = start.plus(budget);
        Backoff backoff = backoffs.get();
        for (int attempt = 1; ; attempt++) {
            PublishOutcome outcome = delegate.publish(request);
            if (!(outcome instanceof RetryLater later)) {
                return outcome;
            }
            Duration wait = backoff.nextWait(later.after());
            if (wait.compareTo(Duration.between(clock.instant(), deadline)) >= 0) {
                return gaveUp(later, attempt, start);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // shutting down: answer now, the caller decides
                return gaveUp(later, attempt, start);
            }
        }
    }

    private RetryLater gaveUp(RetryLater last, int attempts, Instant start) {
        long ms = Duration.between(start, clock.instant()).toMillis();
        return new RetryLater(last.reason() + " (" + attempts + " attempt(s) in " + ms + " ms)", last.after());
    }

    @Override
    public void close() {
        delegate.close();
    }
}
