package dev.ccotel.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.fixtures.Otlp;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.model.Member;
import dev.ccotel.ports.out.ManageMembersPort;
import dev.ccotel.ports.out.UsageSlice;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresStoreTest {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void members_areAddedListedAndRemoved_byNameAndTokenHash() {
        try (HubStoreHarness hub = new HubStoreHarness(PG.newDatabase(), CLOCK)) {
            ManageMembersPort members = hub.store.members();
            Member ada = members.add("ada", "hash-a", Instant.parse("2026-12-01T00:00:00Z")).orElseThrow();
            assertEquals(Optional.empty(), members.add("ada", "hash-b", Instant.now()), "names are unique");
            members.add("bob", "hash-c", Instant.now()).orElseThrow();

            assertEquals(List.of("ada", "bob"), members.list().stream().map(Member::name).toList());
            assertEquals(Optional.of(ada), members.byTokenHash("hash-a"));

            assertTrue(members.remove("ada", Instant.now()));
            assertEquals(Optional.empty(), members.byTokenHash("hash-a"), "revoked at once");
            assertFalse(members.remove("ada", Instant.now()));
            assertTrue(members.add("ada", "hash-d", Instant.now()).isPresent(), "a removed name can be given again");
        }
    }

    @Test
    void sameExportSentTwice_isKeptOnce_andAttributedToItsMember() throws Exception {
        try (HubStoreHarness hub = new HubStoreHarness(PG.newDatabase(), CLOCK)) {
            Member ada = hub.store.members().add("ada", "h", Instant.now()).orElseThrow();
            for (int round = 0; round < 2; round++) {
                assertInstanceOf(IngestResult.Success.class, hub.send(ada, Fixtures.pbLogs("write-file")));
                assertInstanceOf(IngestResult.Success.class, hub.send(ada, Fixtures.pbMetrics("write-file")));
            }
            assertEquals(1, hub.number("SELECT COUNT(*) FROM sessions"));
            assertEquals(1, hub.number("SELECT tool_calls FROM sessions"));
            assertEquals(3, hub.number("SELECT lines_added FROM sessions"));
            assertEquals(0.010365, hub.number("SELECT SUM(value) FROM metrics WHERE metric_type = 'cost_usage'"), 1e-9);
            assertEquals(ada.id(), hub.number("SELECT member_id FROM sessions"));

            List<UsageSlice> byMember = hub.store.usage(PostgresStore.Attribution.MEMBER)
                    .slices(Instant.EPOCH, Instant.now().plusSeconds(86_400 * 3650L), Optional.empty());
            assertFalse(byMember.isEmpty());
            assertTrue(byMember.stream().allMatch(s -> s.project().equals("ada")), "the member stands for the project");
            assertEquals(0.010365, byMember.stream().mapToDouble(s -> s.fromMetrics().costUsd()).sum(), 1e-9);
        }
    }

    /**
     * Two hub processes on one database, each taking some of one session's cumulative exports, at
     * the same time: without the session held from load to keep, both would fold from the same state
     * and count the overlap twice.
     */
    @Test
    void twoHubs_interleavedCumulativeExportsOfOneSession_countTheSeriesOnce() throws Exception {
        PostgresConfig db = PG.newDatabase();
        try (HubStoreHarness a = new HubStoreHarness(db, CLOCK); HubStoreHarness b = new HubStoreHarness(db, CLOCK)) {
            Member ada = a.store.members().add("ada", "h", Instant.now()).orElseThrow();
            Thread.sleep(5); // the session starts after the store did, so its first point counts in full
            long start = Instant.now().toEpochMilli() * 1_000_000L;
            int exports = 60;
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<IngestResult>> results = new ArrayList<>();
                for (int i = 1; i <= exports; i++) {
                    ExportMetricsServiceRequest export = cumulativeCost(start, i);
                    HubStoreHarness hub = i % 2 == 0 ? a : b;
                    results.add(pool.submit(() -> hub.send(ada, export)));
                }
                for (Future<IngestResult> r : results) {
                    assertInstanceOf(IngestResult.Success.class, r.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(exports * 0.25, a.number("SELECT SUM(value) FROM metrics WHERE metric_type = 'cost_usage'"),
                    1e-9, "the deltas of a cumulative series add up to its last value, whoever folded them");
        }
    }

    private static ExportMetricsServiceRequest cumulativeCost(long startNanos, int i) {
        return Otlp.metrics(Otlp.claudeCode(), List.of(Otlp.sum("claude_code.cost.usage",
                AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
                List.of(Otlp.point(startNanos, startNanos + i * 1_000_000L, i * 0.25,
                        Otlp.attrs("session.id", "7f0c2a3e-0000-4000-8000-000000000001", "model", "claude-sonnet-4-5"))))));
    }
}
