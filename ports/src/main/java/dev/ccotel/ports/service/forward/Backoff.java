package dev.ccotel.ports.service.forward;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter, the one place its arithmetic is written: a wait doubles from
 * {@code first} up to {@code max}, each actual wait is between half and all of it (so that clients
 * failing together do not retry together), and a server's {@code Retry-After} is a floor.
 */
public final class Backoff {
    private final Duration first;
    private final Duration max;
    private final RandomGenerator random;
    private Duration next;

    public Backoff(Duration first, Duration max, RandomGenerator random) {
        this.first = Objects.requireNonNull(first, "first");
        this.max = Objects.requireNonNull(max, "max");
        this.random = Objects.requireNonNull(random, "random");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max: " + first + ", " + max);
        }
        this.next = first;
    }

    /** The wait before the next attempt; each call doubles the one after. */
    public Duration nextWait(Optional<Duration> retryAfter) {
        long half = next.toMillis() / 2;
        Duration jittered = Duration.ofMillis(half + random.nextLong(half + 1));
        next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
        return retryAfter.filter(after -> after.compareTo(jittered) > 0).orElse(jittered);
    }

    /** After a success: the next failure waits {@code first} again. */
    public void reset() {
        next = first;
    }
}
