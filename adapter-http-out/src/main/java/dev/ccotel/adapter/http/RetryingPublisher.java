package dev.ccotel.adapter.http;

import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.out.PublishOutcome.RetryLater;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Retries what the backend could not take now, with exponential backoff and jitter, while the
 * retry budget lasts. Claude Code sends each gRPC export once and waits at most 30 s for the
 * answer, so the budget bounds when a retry may still start; the last one can add one timeout.
 * A {@code Retry-After} is a floor for the wait; when it reaches past the budget we stop at once,
 * because waiting would only use up the client's deadline for the same answer.
 */
final class RetryingPublisher implements BytePublisher {
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final BytePublisher delegate;
    private final Duration budget;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    RetryingPublisher(BytePublisher delegate, Duration budget, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.delegate = delegate;
        this.budget = budget;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
    }

    @Override
    public PublishOutcome post(byte[] json, int itemCount) {
        Instant start = clock.instant();
        Instant deadline = start.plus(budget);
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            PublishOutcome outcome = delegate.post(json, itemCount);
            if (!(outcome instanceof RetryLater later)) {
                return outcome;
            }
            Duration jittered = jitter(backoff);
            Duration wait = later.after().filter(after -> after.compareTo(jittered) > 0).orElse(jittered);
            if (wait.compareTo(Duration.between(clock.instant(), deadline)) >= 0) {
                return gaveUp(later, attempt, start);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // shutting down: answer now, the caller decides
                return gaveUp(later, attempt, start);
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Between half and all of {@code backoff}, so that clients failing together do not retry together. */
    private Duration jitter(Duration backoff) {
        long half = backoff.toMillis() / 2;
        return Duration.ofMillis(half + random.nextLong(half + 1));
    }

    private RetryLater gaveUp(RetryLater last, int attempts, Instant start) {
        long ms = Duration.between(start, clock.instant()).toMillis();
        return new RetryLater(last.reason() + " (" + attempts + " attempt(s) in " + ms + " ms)", last.after());
    }
}
