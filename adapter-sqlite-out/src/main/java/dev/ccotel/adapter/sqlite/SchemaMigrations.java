package dev.ccotel.adapter.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Brings a store file up to this build's schema. Each version is one SQL file beside this class,
 * {@code schema-<version>.sql}, applied in order in its own transaction, after which
 * {@code PRAGMA user_version} holds that version: schema lives in files a second store (the hub's
 * PostgreSQL) can keep in the same shape, not in Java strings. A new version is a new file and
 * {@link #LATEST} raised by one.
 */
final class SchemaMigrations {
    /** The schema version this build writes; {@code PRAGMA user_version} holds the file's. */
    static final int LATEST = 7;
    /**
     * The version whose file adds the tables of sessions imported from transcripts ({@code ccotel import}); a reader
     * of an older file finds none. Renumbered with that file if another version comes before it.
     */
    static final int IMPORTS = 4;
    /** The version whose file adds the hub's members and each session's member ({@code ccotel hub} on SQLite). */
    static final int MEMBERS = 5;
    /** The version whose file keeps the metric and event sums per session, model and quarter hour ({@code usage_quarters}). */
    static final int QUARTERS = 6;
    /** The version whose file indexes the prompts whose text is kept ({@code events_first_prompts}). */
    static final int FIRST_PROMPTS = 7;

    private SchemaMigrations() {
    }

    /** Applies every version after the file's up to {@link #LATEST}; refuses a file from a newer ccotel untouched. */
    static void migrate(Connection c, Path path) throws SQLException, IOException {
        int version = userVersion(c);
        if (version > LATEST) {
            throw new SQLException(path + " was written by a newer ccotel (schema " + version + "; this one knows up to "
                    + LATEST + "): upgrade ccotel, or point store.path at another file");
        }
        if (version > 0 && version < LATEST) {
            // A migration may sum a year of history (version 6's usage_quarters: about 2 s for 20,000 sessions).
            System.getLogger(SchemaMigrations.class.getName()).log(System.Logger.Level.INFO,
                    "bringing the store {0} from schema {1} to {2} (once, for this version of ccotel)", path, version,
                    LATEST);
        }
        for (int next = version + 1; next <= LATEST; next++) {
            apply(c, next);
        }
    }

    /** One version's script and its {@code user_version}, all or nothing. */
    private static void apply(Connection c, int version) throws SQLException, IOException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String statement : statements(script(version))) {
                s.execute(statement);
            }
            s.execute("PRAGMA user_version = " + version);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * A script's statements: each ends with a semicolon at the end of a line, except inside a trigger,
     * whose body of statements ends with {@code END;} on a line of its own.
     */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        boolean inTrigger = false;
        for (String line : script.lines().toList()) {
            String code = line.strip();
            if (code.startsWith("--") || code.isEmpty()) {
                continue;
            }
            if (!containsSql(statement.toString()) && code.toUpperCase(Locale.ROOT).startsWith("CREATE TRIGGER")) {
                inTrigger = true;
            }
            statement.append(line).append('\n');
            boolean ends = inTrigger ? code.equalsIgnoreCase("END;") : code.endsWith(";");
            if (ends) {
                out.add(statement.toString().strip().replaceFirst(";$", ""));
                statement.setLength(0);
                inTrigger = false;
            }
        }
        if (containsSql(statement.toString())) {
            out.add(statement.toString().strip());
        }
        return out;
    }

    private static boolean containsSql(String statement) {
        return statement.lines().anyMatch(line -> !line.isBlank() && !line.strip().startsWith("--"));
    }

    /** The script that brings a file from {@code version - 1} to {@code version}, found by its number. */
    static String script(int version) throws IOException {
        String name = "schema-" + version + ".sql";
        try (InputStream in = SchemaMigrations.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("schema script " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
