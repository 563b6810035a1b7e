package dev.ccotel.ports.service.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsDoubleUpToTheMax_eachBetweenHalfAndAll() {
        long seed = 20261202L;
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), new Random(seed));
        long[] ceilings = {1000, 2000, 4000, 8000, 8000, 8000};
        for (long ceiling : ceilings) {
            long wait = backoff.nextWait(Optional.empty()).toMillis();
            assertTrue(wait >= ceiling / 2 && wait <= ceiling, "seed " + seed + ": " + wait + " not in [" + ceiling / 2
                    + ", " + ceiling + "]");
        }
    }

    @Test
    void retryAfterIsAFloor_andResetStartsOver() {
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2), new Random(1));
        assertEquals(Duration.ofSeconds(30), backoff.nextWait(Optional.of(Duration.ofSeconds(30))));
        backoff.nextWait(Optional.empty());
        backoff.reset();
        assertTrue(backoff.nextWait(Optional.empty()).toMillis() <= 200);
    }
}
