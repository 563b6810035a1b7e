package dev.ccotel.adapter.httpout.client;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BooleanSupplier;

/** Waits for something a background thread does; the limit is generous and never the thing tested. */
final class Eventually {
    private Eventually() {}

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("gave up waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
