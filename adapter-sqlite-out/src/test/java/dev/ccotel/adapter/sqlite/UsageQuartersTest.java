package dev.ccotel.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.ports.out.UsageSlice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sums kept as rows are written ({@code usage_quarters}, schema-6.sql) are what summing the rows
 * gives: the same store read through its kept sums and, with them taken away, through its rows yields
 * the same slices, for windows on quarter hours and windows that begin and end inside one, after
 * re-sent rows (ignored) and pruning. Seeded; the seed is printed on failure.
 */
class UsageQuartersTest {
    private static final long Q = SqliteUsageReader.QUARTER_MS;
    private static final long T0 = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    /** Rows fall in six hours: several of a session and model share a quarter, as they do in use. */
    private static final long SPAN = 6 * 3_600_000L;
    private static final List<String> METRIC_TYPES = List.of("token_usage", "cost_usage", "lines_of_code_count",
            "commit_count", "pull_request_count", "active_time_total", "session_count");
    private static final List<String> EVENT_TYPES = List.of("api_request", "user_prompt", "tool_result", "api_error",
            "tool_decision");

    @TempDir
    Path dir;

    @Test
    void keptSums_readAsTheRowsSum_forAnyWindow_afterResentRowsAndPruning() throws Exception {
        for (int round = 0; round < 20; round++) {
            long seed = new Random().nextLong();
            try {
                check(seed, dir.resolve("round-" + round));
            } catch (AssertionError | Exception e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    private void check(long seed, Path folder) throws Exception {
        Random random = new Random(seed);
        Path file = newStore(folder);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            fill(c, random, T0, SPAN);
            if (random.nextBoolean()) {
                try (Statement s = c.createStatement()) { // what store.max-age's prune does
                    // within the first half: what is left after it is something to compare (20+ rows a session)
                    long cutoff = T0 + random.nextLong(SPAN / 2);
                    s.executeUpdate("DELETE FROM events WHERE ts < " + cutoff);
                    s.executeUpdate("DELETE FROM metrics WHERE ts < " + cutoff);
                }
            }
        }
        Path rowsOnly = folder.resolve("rows-only.db");
        Files.copy(file, rowsOnly);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + rowsOnly); Statement s = c.createStatement()) {
            s.execute("DROP TABLE usage_quarters");
            s.execute("PRAGMA user_version = " + (SchemaMigrations.QUARTERS - 1));
        }
        SqliteUsageReader kept = new SqliteUsageReader(file);
        SqliteUsageReader summed = new SqliteUsageReader(rowsOnly);
        for (int w = 0; w < 12; w++) {
            // the first window holds everything (the quarter a prune cut through too); the others are random
            long from = w == 0 ? T0 : T0 + random.nextLong(SPAN / Q) * Q + (w % 2 == 0 ? 0 : random.nextLong(Q));
            long to = w == 0 ? T0 + SPAN + Q
                    : from + random.nextLong(SPAN / Q) * Q + (w % 3 == 0 ? 0 : random.nextLong(Q));
            Instant f = Instant.ofEpochMilli(from);
            Instant t = Instant.ofEpochMilli(to);
            Optional<String> project = w == 5 ? Optional.of("/p1") : Optional.empty();
            assertSame(summed.slices(f, t, project), kept.slices(f, t, project), "window " + f + " - " + t);
        }
        assertTrue(kept.slices(Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + SPAN + Q), Optional.empty())
                .size() > 0, "the round read something");
    }

    /** A store in {@code folder}, migrated to the latest schema, its triggers in place, and empty. */
    static Path newStore(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve("ccotel.db");
        try (SqliteStore store = SqliteStore.open(StoreConfig.at(file, false), Clock.fixed(Instant.ofEpochMilli(T0),
                ZoneOffset.UTC))) {
            return file;
        }
    }

    /** Sessions with metrics and events at random times in [{@code t0}, {@code t0 + span}), some rows sent twice. */
    static void fill(Connection c, Random random, long t0, long span) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement session = c.prepareStatement("INSERT INTO sessions (session_id, host, project,"
                + " app_version, terminal_type, os_type, started_at, last_seen, prompts, tool_calls, api_requests,"
                + " cost_usd, input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens, lines_added,"
                + " lines_removed, commits, pull_requests, active_seconds)"
                + " VALUES (?, 'h', ?, '2.1', 'cli', 'linux', ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)");
                PreparedStatement metric = c.prepareStatement("INSERT OR IGNORE INTO metrics (metric_id, session_id,"
                        + " metric_type, ts, value, model, token_type, lines_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement event = c.prepareStatement("INSERT OR IGNORE INTO events (event_id, session_id,"
                        + " event_type, ts, model, cost_usd, input_tokens, output_tokens, cache_read_tokens,"
                        + " cache_creation_tokens, tool_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')")) {
            int sessions = 1 + random.nextInt(12);
            for (int s = 0; s < sessions; s++) {
                String id = "s" + s;
                session.setString(1, id);
                session.setString(2, "/p" + random.nextInt(3));
                session.setLong(3, t0);
                session.setLong(4, t0 + span);
                session.executeUpdate();
                int rows = 20 + random.nextInt(130); // none at all, one round in 1,800, left nothing to compare
                for (int r = 0; r < rows; r++) {
                    long ts = t0 + random.nextLong(span);
                    String model = random.nextBoolean() ? "claude-sonnet-4-5" : "claude-haiku-4-5";
                    int copies = random.nextInt(5) == 0 ? 2 : 1; // an export sent again
                    for (int copy = 0; copy < copies; copy++) {
                        metric.setString(1, id + "-m" + r);
                        metric.setString(2, id);
                        metric.setString(3, METRIC_TYPES.get(random.nextInt(METRIC_TYPES.size())));
                        metric.setLong(4, ts);
                        metric.setDouble(5, random.nextInt(5000) / (random.nextBoolean() ? 1.0 : 1000.0));
                        metric.setString(6, model);
                        metric.setString(7, List.of("input", "output", "cacheRead", "cacheCreation", "")
                                .get(random.nextInt(5)));
                        metric.setString(8, List.of("added", "removed", "").get(random.nextInt(3)));
                        metric.executeUpdate();
                        event.setString(1, id + "-e" + r);
                        event.setString(2, id);
                        event.setString(3, EVENT_TYPES.get(random.nextInt(EVENT_TYPES.size())));
                        event.setLong(4, ts + random.nextLong(Q));
                        event.setString(5, random.nextInt(4) == 0 ? "" : model);
                        if (random.nextBoolean()) {
                            event.setDouble(6, random.nextInt(100_000) / 1e6);
                            event.setLong(7, random.nextInt(10_000));
                            event.setLong(8, random.nextInt(1_000));
                            event.setLong(9, random.nextInt(10_000));
                            event.setLong(10, random.nextInt(1_000));
                        } else {
                            for (int p = 6; p <= 10; p++) {
                                event.setNull(p, java.sql.Types.NULL);
                            }
                        }
                        event.executeUpdate();
                    }
                }
            }
        }
        c.commit();
        c.setAutoCommit(true);
    }

    /** The same slices, in any order; sums of money within a rounding of the order they were added in. */
    private static void assertSame(List<UsageSlice> expected, List<UsageSlice> actual, String where) {
        Map<String, UsageSlice> e = byKey(expected);
        Map<String, UsageSlice> a = byKey(actual);
        java.util.Set<String> missing = new java.util.TreeSet<>(e.keySet());
        missing.removeAll(a.keySet());
        java.util.Set<String> extra = new java.util.TreeSet<>(a.keySet());
        extra.removeAll(e.keySet());
        assertTrue(missing.isEmpty() && extra.isEmpty(), where + ": the same sessions, models and quarters; missing "
                + missing + ", extra " + extra);
        for (String key : e.keySet()) {
            UsageSlice x = e.get(key);
            UsageSlice y = a.get(key);
            assertEquals(x.fromMetrics().tokens(), y.fromMetrics().tokens(), where + " " + key);
            assertEquals(x.fromMetrics().costUsd(), y.fromMetrics().costUsd(), 1e-9, where + " " + key);
            assertEquals(x.fromEvents().tokens(), y.fromEvents().tokens(), where + " " + key);
            assertEquals(x.fromEvents().costUsd(), y.fromEvents().costUsd(), 1e-9, where + " " + key);
            assertEquals(x.activity(), y.activity(), where + " " + key);
            assertEquals(x.code(), y.code(), where + " " + key);
            assertEquals(x.activeSeconds(), y.activeSeconds(), 1e-6, where + " " + key);
            assertEquals(x.lastAt(), y.lastAt(), where + " " + key);
            assertEquals(x.project(), y.project(), where + " " + key);
            assertEquals(x.sessionStart(), y.sessionStart(), where + " " + key);
        }
    }

    private static Map<String, UsageSlice> byKey(List<UsageSlice> slices) {
        Map<String, UsageSlice> out = new TreeMap<>();
        for (UsageSlice s : slices) {
            assertEquals(null, out.put(s.sessionId() + "|" + s.model() + "|" + s.quarter(), s), "one slice per key");
        }
        return out;
    }
}
