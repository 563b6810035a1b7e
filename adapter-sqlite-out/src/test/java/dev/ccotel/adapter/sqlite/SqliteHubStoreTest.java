package dev.ccotel.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.fixtures.Otlp;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import dev.ccotel.ports.fakes.RecordingEncoder;
import dev.ccotel.ports.in.IngestLogsCommand;
import dev.ccotel.ports.in.IngestMetricsCommand;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.model.Member;
import dev.ccotel.ports.out.HeldSessions;
import dev.ccotel.ports.out.KeepMemberTelemetryPort;
import dev.ccotel.ports.out.KeepOutcome;
import dev.ccotel.ports.out.KeptExport;
import dev.ccotel.ports.out.ManageMembersPort;
import dev.ccotel.ports.out.UsageSlice;
import dev.ccotel.ports.service.hub.IngestAsMemberService;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's store on SQLite, as {@code PostgresStoreTest} pins the PostgreSQL one, plus what a file held by one process adds. */
class SqliteHubStoreTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final String KEY = "hub.database.path";

    @TempDir
    Path dir;

    private SqliteHubStore open(Path file) {
        return SqliteHubStore.open(file, KEY, Duration.ofSeconds(30), CLOCK);
    }

    private IngestAsMemberService ingest(SqliteHubStore store) {
        return new IngestAsMemberService(new OtlpMapper(CLOCK, MappingOptions.privateByDefault("hub")),
                store.sessionStates(), new RecordingEncoder(), store.keeper(), store.sessionLocks(), store.spans(), CLOCK);
    }

    @Test
    void members_areAddedListedAndRemoved_byNameAndTokenHash() {
        try (SqliteHubStore store = open(dir.resolve("hub.db"))) {
            ManageMembersPort members = store.members();
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
    void membersAddedBesideTheRunningHub_areKnownToIt_atOnce() {
        Path file = dir.resolve("hub.db");
        try (SqliteHubStore store = open(file)) {
            try (SqliteHubStore.Members beside = SqliteHubStore.members(file, KEY)) {
                beside.port().add("ada", "hash-a", Instant.now()).orElseThrow();
            }
            assertEquals("ada", store.members().byTokenHash("hash-a").orElseThrow().name());
            try (SqliteHubStore.Members beside = SqliteHubStore.members(file, KEY)) {
                assertTrue(beside.port().remove("ada", Instant.now()));
            }
            assertEquals(Optional.empty(), store.members().byTokenHash("hash-a"), "revoked without a restart");
        }
    }

    @Test
    void sameExportSentTwice_isKeptOnce_andAttributedToItsMemberAndMachine() throws Exception {
        Path file = dir.resolve("hub.db");
        try (SqliteHubStore store = open(file)) {
            Member ada = store.members().add("ada", "h", Instant.now()).orElseThrow();
            IngestAsMemberService ingest = ingest(store);
            for (int round = 0; round < 2; round++) {
                assertInstanceOf(IngestResult.Success.class,
                        ingest.logs(ada).ingest(new IngestLogsCommand(Fixtures.pbLogs("write-file"), "test")));
                assertInstanceOf(IngestResult.Success.class,
                        ingest.metrics(ada).ingest(new IngestMetricsCommand(Fixtures.pbMetrics("write-file"), "test")));
            }
            assertEquals(1, StoreHarness.query(file, "SELECT COUNT(*) FROM sessions"));
            assertEquals(1, StoreHarness.query(file, "SELECT tool_calls FROM sessions"));
            assertEquals(3, StoreHarness.query(file, "SELECT lines_added FROM sessions"));
            assertEquals(ada.id(), StoreHarness.query(file, "SELECT member_id FROM sessions"));

            Instant until = Instant.now().plusSeconds(86_400 * 3650L);
            List<UsageSlice> byMember = store.usage(SqliteHubStore.Attribution.MEMBER)
                    .slices(Instant.EPOCH, until, Optional.empty());
            assertFalse(byMember.isEmpty());
            assertTrue(byMember.stream().allMatch(s -> s.project().equals("ada")), "the member stands for the project");
            assertEquals(0.010365, byMember.stream().mapToDouble(s -> s.fromMetrics().costUsd()).sum(), 1e-9);
            assertTrue(SqliteHubStore.usage(file, SqliteHubStore.Attribution.MACHINE)
                    .slices(Instant.EPOCH, until, Optional.empty()).stream()
                    .allMatch(s -> s.project().equals("ada@hub")), "member@host, read beside the running hub");
        }
    }

    /**
     * Requests of one session reaching the hub out of order (a daemon's retry of an older one after a newer
     * one, an outbox sent again): the session's totals keep the larger figures, as on PostgreSQL.
     */
    @Test
    void anOlderRequestArrivingLate_doesNotTakeTheSessionsTotalsBack() throws Exception {
        List<KeptExport> kept = new ArrayList<>();
        try (SqliteHubStore first = open(dir.resolve("first.db"))) {
            Member ada = first.members().add("ada", "h", Instant.now()).orElseThrow();
            KeepMemberTelemetryPort recording = (member, export) -> {
                kept.add(export);
                return first.keeper().keep(member, export);
            };
            IngestAsMemberService ingest = new IngestAsMemberService(new OtlpMapper(CLOCK,
                    MappingOptions.privateByDefault("hub")), first.sessionStates(), new RecordingEncoder(), recording,
                    first.sessionLocks(), first.spans(), CLOCK);
            ingest.logs(ada).ingest(new IngestLogsCommand(Fixtures.pbLogs("write-file"), "test"));
            ingest.metrics(ada).ingest(new IngestMetricsCommand(Fixtures.pbMetrics("write-file"), "test"));
        }
        assertEquals(2, kept.size());
        Path file = dir.resolve("hub.db");
        try (SqliteHubStore store = open(file)) {
            Member ada = store.members().add("ada", "h", Instant.now()).orElseThrow();
            assertInstanceOf(KeepOutcome.Kept.class, store.keeper().keep(ada, kept.get(1)));
            assertInstanceOf(KeepOutcome.Kept.class, store.keeper().keep(ada, kept.get(0)));
            assertEquals(3, StoreHarness.query(file, "SELECT lines_added FROM sessions"), "the newer request's lines");
            assertEquals(1, StoreHarness.query(file, "SELECT tool_calls FROM sessions"));
        }
    }

    /**
     * One session's cumulative exports folded by many threads at once: without the session held from
     * load to keep, two would fold from the same state and count the overlap twice.
     */
    @Test
    void concurrentCumulativeExportsOfOneSession_countTheSeriesOnce() throws Exception {
        Path file = dir.resolve("hub.db");
        try (SqliteHubStore store = open(file)) {
            Member ada = store.members().add("ada", "h", Instant.now()).orElseThrow();
            IngestAsMemberService ingest = ingest(store);
            Thread.sleep(5); // the session starts after the store did, so its first point counts in full
            long start = Instant.now().toEpochMilli() * 1_000_000L;
            int exports = 60;
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<IngestResult>> results = new ArrayList<>();
                for (int i = 1; i <= exports; i++) {
                    ExportMetricsServiceRequest export = cumulativeCost(start, i);
                    results.add(pool.submit(() -> ingest.metrics(ada).ingest(new IngestMetricsCommand(export, "test"))));
                }
                for (Future<IngestResult> r : results) {
                    assertInstanceOf(IngestResult.Success.class, r.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(exports * 0.25, StoreHarness.queryDouble(file,
                    "SELECT SUM(value) FROM metrics WHERE metric_type = 'cost_usage'"), 1e-9);
        }
    }

    @Test
    void aSecondHubOnTheSameFile_isRefused_namingTheKeyAndTheFirst() {
        Path file = dir.resolve("hub.db");
        try (SqliteHubStore first = open(file)) {
            first.holderIs("hub http 127.0.0.1:8318");
            StoreInUseException refused = assertThrows(StoreInUseException.class, () -> open(file));
            assertTrue(refused.getMessage().startsWith(KEY + " " + file + " is in use by another ccotel"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("hub http 127.0.0.1:8318"), refused.getMessage());
            assertTrue(refused.getMessage().contains("hub.database.url"), "says where several hubs can share");
        }
        open(file).close(); // released with the first
    }

    @Test
    void sessionLocks_holdASessionUntilReleased_andGiveUpAfterTheWait() throws Exception {
        InProcessSessionLocks locks = new InProcessSessionLocks(Duration.ofMillis(50));
        HeldSessions held = locks.lock(Set.of("s1", "s2"));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> blocked = other.submit(() -> locks.lock(Set.of("s2")).close());
            assertInstanceOf(IllegalStateException.class,
                    assertThrows(java.util.concurrent.ExecutionException.class, blocked::get).getCause());
            held.close(); // released by whoever closes, on any thread
            other.submit(() -> locks.lock(Set.of("s2", "s3")).close()).get();
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aDaemonsStore_migratesToMembers_withItsSessionsBelongingToNoMember() throws Exception {
        Path file = dir.resolve("ccotel.db");
        try (StoreHarness daemon = StoreHarness.open(dir, false, CLOCK)) {
            assertInstanceOf(IngestResult.Success.class, daemon.send(Fixtures.pbLogs("write-file")));
        }
        assertTrue(StoreHarness.query(file, "PRAGMA user_version") >= SchemaMigrations.MEMBERS);
        assertEquals(1, StoreHarness.query(file, "SELECT COUNT(*) FROM sessions WHERE member_id IS NULL"));
        assertTrue(SqliteHubStore.usage(file, SqliteHubStore.Attribution.MEMBER)
                .slices(Instant.EPOCH, Instant.now().plusSeconds(86_400), Optional.empty()).isEmpty(),
                "a member's report holds only what members sent");
    }

    private static ExportMetricsServiceRequest cumulativeCost(long startNanos, int i) {
        return Otlp.metrics(Otlp.claudeCode(), List.of(Otlp.sum("claude_code.cost.usage",
                AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
                List.of(Otlp.point(startNanos, startNanos + i * 1_000_000L, i * 0.25,
                        Otlp.attrs("session.id", "7f0c2a3e-0000-4000-8000-000000000001", "model", "claude-sonnet-4-5"))))));
    }
}
