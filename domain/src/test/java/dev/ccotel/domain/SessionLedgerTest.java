package dev.ccotel.domain;

import static dev.ccotel.domain.fixtures.Otlp.attrs;
import static dev.ccotel.domain.fixtures.Otlp.claudeCode;
import static dev.ccotel.domain.fixtures.Otlp.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.fixtures.Otlp;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SessionLedgerTest {
    private static final long T = 1_795_706_896_000_000_000L;

    @Test
    void hundredThousandDistinctSessions_stayWithinTheBound() {
        SessionLedger ledger = new SessionLedger(FixtureScenariosTest.clockBefore2026(), 1_000, Duration.ofHours(1));
        OtlpMapper mapper = new OtlpMapper(ledger, MappingOptions.privateByDefault("h"));

        for (int i = 0; i < 100_000; i++) {
            mapper.map(Otlp.logs(claudeCode(), List.of(event(T + i, attrs("session.id", "s" + i, "event.name", "user_prompt")))));
            assertTrue(ledger.size() <= 1_000);
        }
        assertEquals(1_000, ledger.size());
        assertTrue(ledger.session("s99999").isPresent(), "the most recent session is kept");
        assertTrue(ledger.session("s0").isEmpty(), "the least recently seen is evicted");
    }

    @Test
    void idleSessions_areEvictedByTheInjectedClock() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        SessionLedger ledger = new SessionLedger(clock, 100, Duration.ofMinutes(30));
        OtlpMapper mapper = new OtlpMapper(ledger, MappingOptions.privateByDefault("h"));
        mapper.map(Otlp.logs(claudeCode(), List.of(event(T, attrs("session.id", "old", "event.name", "user_prompt")))));

        clock.now = clock.now.plus(Duration.ofMinutes(31));
        mapper.map(Otlp.logs(claudeCode(), List.of(event(T, attrs("session.id", "new", "event.name", "user_prompt")))));

        assertTrue(ledger.session("old").isEmpty());
        assertEquals(1, ledger.size());
    }

    @Test
    void startedAt_isTheEarliestTimeSeen_andStableAcrossExports() {
        SessionLedger ledger = new SessionLedger(FixtureScenariosTest.clockBefore2026());
        OtlpMapper mapper = new OtlpMapper(ledger, MappingOptions.privateByDefault("h"));

        var first = mapper.map(Otlp.logs(claudeCode(), List.of(event(T, attrs("session.id", "s", "event.name", "a")))));
        var later = mapper.map(Otlp.logs(claudeCode(), List.of(event(T + 60_000_000_000L, attrs("session.id", "s", "event.name", "b")))));

        assertEquals(Instant.ofEpochSecond(0, T), first.requests().get(0).session().startedAt());
        assertEquals(first.requests().get(0).session().startedAt(), later.requests().get(0).session().startedAt());
    }

    @Test
    void concurrentExports_countEveryEventOnce() throws Exception {
        SessionLedger ledger = new SessionLedger(FixtureScenariosTest.clockBefore2026());
        OtlpMapper mapper = new OtlpMapper(ledger, MappingOptions.privateByDefault("h"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    mapper.map(Otlp.logs(claudeCode(), List.of(event(T + thread * 1_000_000 + i,
                            attrs("session.id", "shared", "event.name", "user_prompt", "event.sequence", thread * 1000 + i)))));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        assertEquals(2_000, ledger.session("shared").orElseThrow().totals().prompts());
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
