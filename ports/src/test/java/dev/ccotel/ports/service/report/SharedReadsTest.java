package dev.ccotel.ports.service.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ccotel.ports.out.CalendarUsage;
import dev.ccotel.ports.out.ReadUsagePort;
import dev.ccotel.ports.out.UsageSlice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SharedReadsTest {
    private static final Instant FROM = Instant.parse("2026-11-08T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-08T00:00:00Z");

    /** Counts its reads; the first can be held until released. */
    private static class Store implements ReadUsagePort {
        final AtomicInteger reads = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean hold;
        volatile boolean fail;

        @Override
        public List<UsageSlice> slices(Instant from, Instant to, Optional<String> project) {
            reads.incrementAndGet();
            if (hold) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (fail) {
                throw new IllegalStateException("the disk went away");
            }
            return List.of();
        }

        @Override
        public Map<String, BothSources> inBothSources(Collection<String> sessionIds) {
            return Map.of();
        }

        @Override
        public Map<String, String> firstPrompts(Instant from, Instant to) {
            return Map.of();
        }
    }

    @Test
    void oneWindowIsReadOnceWhileNothingWasKept_andAgainAfterAnExportOrOnceStale() {
        Store store = new Store();
        AtomicReference<Object> version = new AtomicReference<>("export 1");
        Clock[] clock = {Clock.fixed(TO, ZoneOffset.UTC)};
        SharedReads reads = new SharedReads(store, version::get, new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock[0].instant();
            }
        }, Duration.ofSeconds(2));
        reads.slices(FROM, TO, Optional.empty());
        reads.slices(FROM, TO, Optional.empty());
        assertEquals(1, store.reads.get());
        reads.slices(FROM, TO, Optional.of("/p"));
        assertEquals(2, store.reads.get(), "another question is another read");
        version.set("export 2");
        reads.slices(FROM, TO, Optional.empty());
        assertEquals(3, store.reads.get(), "an export was kept since: read again");
        clock[0] = Clock.fixed(TO.plusSeconds(3), ZoneOffset.UTC);
        reads.slices(FROM, TO, Optional.empty());
        assertEquals(4, store.reads.get(), "older than two seconds: read again");
    }

    @Test
    void askersAtTheSameMomentShareOneRead() throws Exception {
        Store store = new Store();
        store.hold = true;
        SharedReads reads = new SharedReads(store, () -> "v", Clock.fixed(TO, ZoneOffset.UTC), Duration.ofSeconds(2));
        List<Thread> askers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            askers.add(Thread.ofPlatform().start(() -> reads.slices(FROM, TO, Optional.empty())));
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (store.reads.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(200); // the others arrive while the first read is held
        store.release.countDown();
        for (Thread t : askers) {
            t.join(60_000);
        }
        assertEquals(1, store.reads.get());
    }

    /**
     * A read the port gains later must reach the store: one left to the interface's default would answer
     * "this store cannot" for a store that can (the daemon's dashboard lost the store's sums of its days
     * and sessions that way until this test).
     */
    @Test
    void everyOtherReadIsAskedOfTheStore_noneLeftToThePortsDefault() throws Exception {
        for (java.lang.reflect.Method m : ReadUsagePort.class.getMethods()) {
            assertEquals(SharedReads.class, SharedReads.class.getMethod(m.getName(), m.getParameterTypes())
                    .getDeclaringClass(), m.getName() + " is forwarded to the store");
        }
        CalendarUsage summed = new CalendarUsage(List.of(), List.of());
        Store store = new Store() {
            @Override
            public Optional<CalendarUsage> calendar(Instant from, Instant to, Optional<String> project,
                    java.time.ZoneId zone, CalendarUsage.Period period) {
                return Optional.of(summed);
            }
        };
        SharedReads reads = new SharedReads(store, () -> "v", Clock.fixed(TO, ZoneOffset.UTC), Duration.ofSeconds(2));
        assertSame(summed, reads.calendar(FROM, TO, Optional.empty(), ZoneOffset.UTC, CalendarUsage.Period.DAY)
                .orElseThrow());
    }

    @Test
    void aFailedReadIsNotShared() {
        Store store = new Store();
        store.fail = true;
        SharedReads reads = new SharedReads(store, () -> "v", Clock.fixed(TO, ZoneOffset.UTC), Duration.ofSeconds(2));
        assertThrows(IllegalStateException.class, () -> reads.slices(FROM, TO, Optional.empty()));
        store.fail = false;
        assertEquals(List.of(), reads.slices(FROM, TO, Optional.empty()));
        assertEquals(2, store.reads.get());
    }
}
