package dev.ccotel.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.fixtures.Otlp;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.out.PendingRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqliteStoreTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"write-file", "bash-tool", "text-reply", "api-error"})
    void fixtureScenario_isStoredWithItsTotals_protobufAndJson(String scenario) throws Exception {
        for (boolean json : new boolean[] {false, true}) {
            Path sub = Files.createDirectories(dir.resolve(scenario + json));
            try (StoreHarness h = StoreHarness.open(sub, false, CLOCK)) {
                assertInstanceOf(IngestResult.Success.class, h.send(json ? Fixtures.jsonLogs(scenario) : Fixtures.pbLogs(scenario)));
                assertInstanceOf(IngestResult.Success.class, h.send(json ? Fixtures.jsonMetrics(scenario)
                        : Fixtures.pbMetrics(scenario)));
                assertEquals(1, h.count("SELECT COUNT(*) FROM sessions"));
                assertEquals(1, h.count("SELECT prompts FROM sessions"));
                double expectedCost = scenario.equals("text-reply") ? 0.0051825 : scenario.equals("api-error") ? 0 : 0.010365;
                assertEquals(expectedCost, StoreHarness.queryDouble(h.file, "SELECT cost_usd FROM sessions"), 1e-9);
                assertEquals(expectedCost, StoreHarness.queryDouble(h.file,
                        "SELECT COALESCE(SUM(value), 0) FROM metrics WHERE metric_type = 'cost_usage'"), 1e-9);
                assertTrue(h.count("SELECT COUNT(*) FROM events") >= 7, "every event is a row");
                assertEquals(0, h.count("SELECT COUNT(*) FROM outbox"), "no backend: nothing waits");
            }
        }
    }

    @Test
    void sameExportSentTwice_isStoredOnce_andCountedOnce() throws Exception {
        try (StoreHarness h = StoreHarness.open(dir, false, CLOCK)) {
            h.send(Fixtures.pbLogs("write-file"));
            h.send(Fixtures.pbMetrics("write-file"));
            long events = h.count("SELECT COUNT(*) FROM events");
            long points = h.count("SELECT COUNT(*) FROM metrics");

            h.send(Fixtures.pbLogs("write-file"));
            h.send(Fixtures.pbMetrics("write-file"));

            assertEquals(events, h.count("SELECT COUNT(*) FROM events"));
            assertEquals(points, h.count("SELECT COUNT(*) FROM metrics"));
            assertEquals(1, h.count("SELECT tool_calls FROM sessions"));
            assertEquals(3, h.count("SELECT lines_added FROM sessions"));
        }
    }

    @Test
    void sessionSplitAcrossTwoStoreRuns_continuesItsTotals() throws Exception {
        try (StoreHarness h = StoreHarness.open(dir, false, CLOCK)) {
            h.send(Fixtures.pbLogs("write-file"));
        }
        try (StoreHarness h = StoreHarness.open(dir, false, CLOCK)) {
            h.send(Fixtures.pbMetrics("write-file"));
            h.send(Fixtures.pbLogs("write-file")); // a re-send after the restart is still counted once
            assertEquals(1, h.count("SELECT prompts FROM sessions"));
            assertEquals(2, h.count("SELECT api_requests FROM sessions"));
            assertEquals(3, h.count("SELECT lines_added FROM sessions"));
            assertEquals(2400, h.count("SELECT input_tokens FROM sessions"));
        }
    }

    @Test
    void withABackend_eachRequestWaitsInTheOutbox_inOrder_untilDelivered() throws Exception {
        try (StoreHarness h = StoreHarness.open(dir, true, CLOCK)) {
            h.send(Fixtures.pbLogs("write-file"));
            h.send(Fixtures.pbMetrics("write-file"));
            List<PendingRequest> pending = h.store.outbox().oldest(10);
            assertEquals(2, pending.size());
            assertTrue(pending.get(0).id() < pending.get(1).id());
            assertEquals(2, h.store.outbox().depth().requests());

            h.store.outbox().delivered(List.of(pending.get(0).id()));
            h.store.outbox().refused(pending.get(1).id(), "HTTP 400 bad");

            assertEquals(0, h.store.outbox().depth().requests());
            assertEquals(0, h.store.outbox().depth().bytes());
            assertEquals(1, h.store.outbox().depth().refused());
            assertEquals(1, h.count("SELECT COUNT(*) FROM refused WHERE message = 'HTTP 400 bad'"));
        }
    }

    @Test
    void requestsPastTheOutboxMaxAge_areDroppedBeforeTheyAreSent_theYoungerOnesStay() throws Exception {
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        Instant[] now = {start};
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now[0];
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
        Path file = dir.resolve("ccotel.db");
        StoreConfig config = new StoreConfig(file, StoreConfig.KEEP_FOREVER, true, StoreConfig.DEFAULT_OUTBOX_MAX_BYTES,
                Duration.ofHours(1));
        try (StoreHarness h = new StoreHarness(file, config, clock)) {
            h.send(Fixtures.pbLogs("write-file"));
            now[0] = start.plus(Duration.ofMinutes(50));
            h.send(Fixtures.pbMetrics("write-file"));
            assertEquals(2, h.store.outbox().oldest(10).size(), "both are younger than an hour");

            now[0] = start.plus(Duration.ofMinutes(70));
            List<PendingRequest> pending = h.store.outbox().oldest(10);

            assertEquals(1, pending.size(), "the first waited 70 minutes");
            assertEquals(start.plus(Duration.ofMinutes(50)), pending.getFirst().keptAt());
            assertEquals(1, h.store.outbox().depth().requests());
            assertEquals(1, h.count("SELECT COUNT(*) FROM outbox"));
        }
    }

    @Test
    void markingDelivered_skipsItsOwnSync_andLeavesTheNextCommitSynced() throws Exception {
        try (StoreHarness h = StoreHarness.open(dir, true, CLOCK)) {
            h.send(Fixtures.pbLogs("write-file"));
            List<PendingRequest> pending = h.store.outbox().oldest(10);

            h.store.outbox().delivered(List.of(pending.getFirst().id()));

            assertEquals(0, h.count("SELECT COUNT(*) FROM outbox"), "committed: another connection sees it gone");
            try (Statement s = writer(h).createStatement(); var rs = s.executeQuery("PRAGMA synchronous")) {
                rs.next();
                assertEquals(2, rs.getInt(1), "FULL again for the exports that follow");
            }
        }
    }

    @Test
    void outboxSurvivesARestart_withItsByteCount() throws Exception {
        long bytes;
        try (StoreHarness h = StoreHarness.open(dir, true, CLOCK)) {
            h.send(Fixtures.pbLogs("bash-tool"));
            bytes = h.store.outbox().depth().bytes();
            assertTrue(bytes > 0);
        }
        try (StoreHarness h = StoreHarness.open(dir, true, CLOCK)) {
            assertEquals(1, h.store.outbox().depth().requests());
            assertEquals(bytes, h.store.outbox().depth().bytes());
        }
    }

    @Test
    void databaseThatCannotGrow_tellsTheExporterToRetry_keepsNothingHalfWritten_andRecovers() throws Exception {
        try (StoreHarness h = StoreHarness.open(dir, true, CLOCK)) {
            try (Statement s = writer(h).createStatement()) {
                s.execute("PRAGMA max_page_count = " + StoreHarness.query(h.file, "PRAGMA page_count"));
            }
            // The file may not grow: SQLITE_FULL, as on a full disk. Fill what pages there are.
            int accepted = 0;
            IngestResult last = null;
            for (int i = 0; i < 200; i++) {
                last = h.send(session("s" + i));
                if (!(last instanceof IngestResult.Success)) {
                    break;
                }
                accepted++;
            }
            IngestResult.RetryLater later = assertInstanceOf(IngestResult.RetryLater.class, last);
            assertTrue(later.reason().contains("cannot write"), later.reason());
            assertTrue(later.reason().contains("full"), later.reason());
            assertEquals(accepted, h.count("SELECT COUNT(*) FROM sessions"), "no row of the refused export");
            assertEquals(accepted, h.count("SELECT COUNT(*) FROM events"));
            assertEquals(accepted, h.count("SELECT COUNT(*) FROM outbox"));
            assertEquals(accepted, h.store.outbox().depth().requests());

            try (Statement s = writer(h).createStatement()) {
                s.execute("PRAGMA max_page_count = 1073741823");
            }
            IngestResult retried = h.send(session("s" + accepted));
            assertInstanceOf(IngestResult.Success.class, retried, retried::toString);
            assertEquals(accepted + 1, h.count("SELECT COUNT(*) FROM sessions"));
            assertEquals(1, h.count("SELECT prompts FROM sessions WHERE session_id = 's" + accepted + "'"),
                    "counted once, on the retry");
        }
    }

    /** One prompt of a session of its own, with some bulk so that the file fills up in a few exports. */
    private static ExportLogsServiceRequest session(String id) {
        return Otlp.logs(Otlp.claudeCode(), List.of(Otlp.event(1_795_706_896_000_000_000L,
                Otlp.attrs("session.id", id, "event.name", "user_prompt", "prompt_length", 2000,
                        "note", "x".repeat(2000)))));
    }

    @Test
    void databaseLockedByAnotherProcess_tellsTheExporterToRetry() throws Exception {
        try (StoreHarness h = StoreHarness.open(dir, false, CLOCK);
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + h.file)) {
            // One export first, so that the locked one fails on statements kept from it.
            assertInstanceOf(IngestResult.Success.class, h.send(Fixtures.pbLogs("bash-tool")));
            try (Statement s = other.createStatement()) {
                s.execute("BEGIN EXCLUSIVE");
                IngestResult locked = h.send(Fixtures.pbLogs("text-reply"));
                IngestResult.RetryLater later = assertInstanceOf(IngestResult.RetryLater.class, locked);
                assertTrue(later.reason().contains("locked") || later.reason().contains("busy"), later.reason());
                s.execute("ROLLBACK");
            }
            assertInstanceOf(IngestResult.Success.class, h.send(Fixtures.pbLogs("text-reply")));
        }
    }

    @Test
    void corruptFile_isAClearErrorAtOpen() throws Exception {
        Path file = dir.resolve("ccotel.db");
        Files.write(file, "this is not a database, it is a text file that is long enough".repeat(100).getBytes());
        StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(StoreConfig.at(file, false), CLOCK));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a database"), e.getMessage());
    }

    @Test
    void newStore_isPrivate_folder0700File0600() throws Exception {
        Path file = dir.resolve("deep/er/ccotel.db");
        try (SqliteStore store = SqliteStore.open(StoreConfig.at(file, false), CLOCK)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        }
    }

    @Test
    void maxAgeZero_keepsNoHistory_butTheSessionStillContinues() throws Exception {
        Path file = dir.resolve("ccotel.db");
        StoreConfig config = new StoreConfig(file, Duration.ZERO, false, StoreConfig.DEFAULT_OUTBOX_MAX_BYTES,
                StoreConfig.DEFAULT_OUTBOX_MAX_AGE);
        try (StoreHarness h = new StoreHarness(file, config, CLOCK)) {
            h.send(Fixtures.pbLogs("write-file"));
            h.send(Fixtures.pbLogs("write-file"));
            assertEquals(0, h.count("SELECT COUNT(*) FROM events"));
            assertEquals(1, h.count("SELECT tool_calls FROM sessions"));
        }
    }

    @Test
    void maxAge_prunesOlderHistoryAtOpen() throws Exception {
        try (StoreHarness h = StoreHarness.open(dir, false, CLOCK)) {
            h.send(Fixtures.pbLogs("write-file")); // events of 2026-11 per the fixture timestamps
        }
        Path file = dir.resolve("ccotel.db");
        Clock muchLater = Clock.offset(CLOCK, Duration.ofDays(400));
        StoreConfig config = new StoreConfig(file, Duration.ofDays(30), false, StoreConfig.DEFAULT_OUTBOX_MAX_BYTES,
                StoreConfig.DEFAULT_OUTBOX_MAX_AGE);
        try (SqliteStore store = SqliteStore.open(config, muchLater)) {
            assertEquals(0, StoreHarness.query(file, "SELECT COUNT(*) FROM events"));
            assertEquals(0, StoreHarness.query(file, "SELECT COUNT(*) FROM sessions"));
        }
    }

    @Test
    void fileFromANewerCcotel_isRefusedWithoutTouchingIt() throws Exception {
        Path file = dir.resolve("ccotel.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(StoreConfig.at(file, false), CLOCK));
        assertTrue(e.getMessage().contains("newer ccotel"), e.getMessage());
        assertEquals(99, StoreHarness.query(file, "PRAGMA user_version"));
    }

    /** The store's own connection, to change a setting that holds per connection. */
    private static Connection writer(StoreHarness h) throws Exception {
        var field = SqliteStore.class.getDeclaredField("db");
        field.setAccessible(true);
        Database db = (Database) field.get(h.store);
        var conn = Database.class.getDeclaredField("connection");
        conn.setAccessible(true);
        return (Connection) conn.get(db);
    }
}
