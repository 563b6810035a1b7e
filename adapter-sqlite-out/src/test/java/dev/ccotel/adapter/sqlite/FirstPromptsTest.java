package dev.ccotel.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each session's first kept prompt in a window, as the sessions report and the dashboard show it: read
 * through the index of kept prompts (schema 7), and the same where a store predates it.
 */
class FirstPromptsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path storeWithPrompts() throws Exception {
        Path file = dir.resolve("ccotel.db");
        SqliteStore.open(StoreConfig.at(file, false), CLOCK).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("INSERT INTO events (event_id, session_id, event_type, ts, model, tool_name, prompt) VALUES"
                    + " ('e0', 's1', 'user_prompt', 500, '', '', NULL)," // withheld (privacy.prompts off then)
                    + " ('e1', 's1', 'user_prompt', 1000, '', '', 'first'),"
                    + " ('e2', 's1', 'user_prompt', 2000, '', '', 'second'),"
                    + " ('e3', 's1', 'api_request', 900, 'm', '', 'not a prompt'),"
                    + " ('e4', 's2', 'user_prompt', 5000, '', '', 'late')");
        }
        return file;
    }

    private static Map<String, String> firstPrompts(Path file, long from, long to) {
        return new SqliteUsageReader(file).firstPrompts(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to));
    }

    @Test
    void eachSessionsFirstKeptPromptInTheWindow() throws Exception {
        Path file = storeWithPrompts();

        assertEquals(Map.of("s1", "first", "s2", "late"), firstPrompts(file, 0, 10_000));
        assertEquals(Map.of("s1", "first"), firstPrompts(file, 0, 3_000));
        assertEquals(Map.of("s1", "second", "s2", "late"), firstPrompts(file, 1_500, 10_000));
        assertEquals(Map.of(), firstPrompts(file, 6_000, 10_000));
    }

    /** A store an older daemon (schema 6) still writes, opened read-only: no index to name, the same prompts. */
    @Test
    void aStoreWithoutTheIndex_givesTheSamePrompts() throws Exception {
        Path file = storeWithPrompts();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("DROP INDEX events_first_prompts");
            s.execute("PRAGMA user_version = 6");
        }

        assertEquals(Map.of("s1", "first", "s2", "late"), firstPrompts(file, 0, 10_000));
        assertEquals(Map.of("s1", "second", "s2", "late"), firstPrompts(file, 1_500, 10_000));
    }
}
