package dev.ccotel.adapter.httpin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdmissionTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void aFullListener_refusesOnlyAfterTheWait_whenNoPlaceFreed() throws Exception {
        Admission admission = new Admission(1);
        Admission.Permit held = admission.enter(LONG).orElseThrow();

        assertEquals(Optional.empty(), admission.enter(Duration.ofMillis(20)).map(p -> "a place"));

        held.release();
        assertTrue(admission.enter(Duration.ZERO).isPresent(), "the place came back");
    }

    @Test
    void aWaitingExport_getsThePlaceTheFirstOneGivesBack() throws Exception {
        Admission admission = new Admission(1);
        Admission.Permit held = admission.enter(LONG).orElseThrow();
        CompletableFuture<Optional<Admission.Permit>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return admission.enter(LONG);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); admission.waiting() != 1; Thread.sleep(5)) {
            assertTrue(System.nanoTime() < end, "never waited");
        }

        held.release();

        assertTrue(waiting.get(10, TimeUnit.SECONDS).isPresent());
    }

    @Test
    void aClosingListener_admitsNoOne_andGetsEveryPlaceBack() throws Exception {
        Admission admission = new Admission(2);
        Admission.Permit held = admission.enter(LONG).orElseThrow();
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
            try {
                return admission.drain(LONG);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); !admission.closing(); Thread.sleep(5)) {
            assertTrue(System.nanoTime() < end, "never closing");
        }

        assertEquals(Optional.empty(), admission.enter(LONG).map(p -> "a place"), "no wait once closing");
        held.release();
        assertTrue(drained.get(10, TimeUnit.SECONDS));
    }
}
