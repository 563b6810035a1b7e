package dev.ccotel.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.fixtures.Captures2_1_332;
import dev.ccotel.domain.fixtures.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a token the store is the only record, so it keeps what the backend would get: a tool's
 * decision and its source, an API error's text, status and attempt, how a session started, and
 * every other non-content attribute; never prompt text or tool input unless the user let them through.
 */
class CompleteRecordTest {
    @TempDir
    Path dir;

    @Test
    void toolDecision_keepsDecisionAndSource_andTheOtherAttributes_butNoToolInput() throws Exception {
        try (StoreHarness h = StoreHarness.open(dir, false, SqliteStoreTest.CLOCK)) {
            h.send(Fixtures.pbLogs("bash-tool"));
            h.send(Fixtures.pbMetrics("bash-tool"));
        }
        assertEquals(List.of("accept|config|Bash"), rows("SELECT decision || '|' || source || '|' || tool_name"
                + " FROM events WHERE event_type = 'tool_decision'"));
        String result = rows("SELECT attributes FROM events WHERE event_type = 'tool_result'").getFirst();
        assertTrue(result.contains("\"tool_use_id\":\"toolu_msg_"), result);
        assertTrue(result.contains("\"tool_result_size_bytes\""), result);
        assertFalse(result.contains("echo telemetry-check"), "tool input is content, kept only when enabled: " + result);
        assertEquals(List.of("65"), rows("SELECT tool_input_size_bytes FROM events WHERE event_type = 'tool_result'"));
        assertEquals(List.of("0"), rows("SELECT COUNT(*) FROM events WHERE tool_parameters IS NOT NULL OR prompt IS NOT NULL"));
        String request = rows("SELECT attributes FROM events WHERE event_type = 'api_request' ORDER BY sequence").getFirst();
        assertTrue(request.contains("\"ttft_ms\"") && request.contains("\"cost_usd_micros\""), request);
    }

    @Test
    void apiError_keepsItsTextStatusAndAttempt() throws Exception {
        try (StoreHarness h = StoreHarness.open(dir, false, SqliteStoreTest.CLOCK)) {
            h.send(Fixtures.pbLogs("api-error"));
        }
        assertEquals(List.of("fake failure for telemetry capture|400|1"), rows("SELECT error || '|' || status_code"
                + " || '|' || attempt FROM events WHERE event_type = 'api_error'"));
    }

    @Test
    void resumedSession_keepsHowEachProcessStarted() throws Exception {
        try (StoreHarness h = StoreHarness.open(dir, false, SqliteStoreTest.CLOCK)) {
            for (String run : List.of("resume/1-first", "resume/2-continue", "resume/3-resume")) {
                h.send(Captures2_1_332.logs(run));
                h.send(Captures2_1_332.metrics(run));
            }
        }
        List<String> starts = rows("SELECT DISTINCT start_type FROM metrics WHERE metric_type = 'session_count'"
                + " ORDER BY start_type");
        assertTrue(starts.containsAll(List.of("continue", "fresh", "resume")), starts.toString());
    }

    @Test
    void storeOfTheFirstSchema_isMigrated_itsRowsKept() throws Exception {
        schemaOneStore("INSERT INTO events (event_id, session_id, event_type, ts, model, tool_name)"
                + " VALUES ('e1', 's1', 'user_prompt', 1, '', '')");
        try (StoreHarness h = StoreHarness.open(dir, false, SqliteStoreTest.CLOCK)) {
            assertEquals(Database.SCHEMA_VERSION, h.count("PRAGMA user_version"));
            assertEquals(List.of("e1|{}|"), rows("SELECT event_id || '|' || attributes || '|' || decision FROM events"));
        }
    }

    /** An older daemon may still run on a schema-1 store: a report opens it read-only and cannot migrate it. */
    @Test
    void reportOfAStoreAnOlderDaemonStillWrites_readsIt() throws Exception {
        Path file = schemaOneStore("INSERT INTO sessions VALUES ('s1', 'h', '/p', '2.1', 'dumb', 'linux', 1000, 2000,"
                + " 1, 0, 1, 0.5, 10, 5, 0, 0, 0, 0, 0, 0, 0)", "INSERT INTO events (event_id, session_id, event_type, ts,"
                + " model, tool_name) VALUES ('e1', 's1', 'user_prompt', 1500, '', '')");
        SqliteUsageReader reader = new SqliteUsageReader(file);
        List<dev.ccotel.ports.out.UsageSlice> slices = reader.slices(java.time.Instant.EPOCH,
                java.time.Instant.ofEpochMilli(10_000), java.util.Optional.empty());
        assertEquals(1, slices.size());
        assertEquals(1, slices.getFirst().activity().prompts());
        assertTrue(reader.firstPrompts(java.time.Instant.EPOCH, java.time.Instant.ofEpochMilli(10_000)).isEmpty());
    }

    /** A store as a ccotel of schema 1 left it, holding {@code rows}. */
    private Path schemaOneStore(String... rows) throws Exception {
        Path file = dir.resolve("ccotel.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : new String(CompleteRecordTest.class.getResourceAsStream("schema-1.sql").readAllBytes())
                    .split(";\\s*(\\n|$)")) {
                if (sql.lines().anyMatch(l -> !l.isBlank() && !l.strip().startsWith("--"))) {
                    s.execute(sql);
                }
            }
            for (String row : rows) {
                s.execute(row);
            }
            s.execute("PRAGMA user_version = 1");
        }
        return file;
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ccotel.db"));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
