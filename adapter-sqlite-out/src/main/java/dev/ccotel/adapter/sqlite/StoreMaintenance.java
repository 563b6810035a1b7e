package dev.ccotel.adapter.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a person does with a store outside the daemon: check it, copy it, and salvage a damaged
 * one. Each refuses to touch a store that a daemon holds, except the backup, which SQLite makes
 * consistently while the daemon writes.
 */
public final class StoreMaintenance {
    /** The tables a salvage copies, parents first; the outbox too, since its requests were acknowledged. */
    private static final List<String> TABLES = List.of("sessions", "session_states", "events", "metrics", "outbox",
            "refused");
    private static final int CHUNK = 500;

    private StoreMaintenance() {}

    @FunctionalInterface
    interface Check {
        List<String> run() throws SQLException;
    }

    /** The problems a check found; a check that SQLite itself aborts because of damage is a problem too. */
    static List<String> problems(Check check) throws SQLException {
        try {
            return check.run();
        } catch (SQLException e) {
            if (Database.isDamage(e)) {
                return List.of(e.getMessage());
            }
            throw e;
        }
    }

    /** Throws {@link StoreInUseException} when a daemon holds {@code store}: say so before a long piece of work. */
    public static void requireNoDaemon(Path store) {
        try (StoreLock probe = StoreLock.acquire(store)) {
            // free
        } catch (IOException e) {
            throw new StoreException("cannot lock " + store + ": " + SqliteStore.describe(e), e);
        }
    }

    /** SQLite's full {@code integrity_check} of the file at {@code store}, read-only; empty when sound. */
    public static List<String> check(Path store) {
        requireExists(store);
        try (Connection c = Database.openReadOnly(store)) {
            return problems(() -> Database.check(c, true));
        } catch (SQLException e) {
            if (Database.isDamage(e)) {
                return List.of(e.getMessage());
            }
            throw new StoreException("cannot check " + store + ": " + SqliteStore.describe(e), e);
        }
    }

    /** Copies the store to {@code target} (a new file, 0600) through SQLite's online backup. */
    public static void backup(Path store, Path target) {
        requireExists(store);
        if (Files.exists(target)) {
            throw new StoreException(target + " exists already; name a new file for the backup", null);
        }
        try {
            Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Database.backup(store, target);
        } catch (IOException | SQLException e) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new StoreException("cannot back up " + store + " to " + target + ": " + SqliteStore.describe(e), e);
        }
    }

    /**
     * What a salvage did.
     *
     * @param movedAside where the damaged file (and its write-ahead log) now lies
     * @param kept rows copied into the new store, by table
     * @param lost for each table, what could not be read (rows, or the whole table), in words
     */
    public record Recovery(Path movedAside, Map<String, Long> kept, Map<String, String> lost) {}

    /**
     * Moves the damaged store aside ({@code ccotel.db.damaged-<UTC time>}, with its {@code -wal}, which
     * holds committed data) and copies into a new store at the same path every row SQLite can still
     * read: table by table, in ranges of rows, and row by row inside a range that fails.
     */
    public static Recovery recover(Path store, Clock clock) {
        requireExists(store);
        try (StoreLock lock = StoreLock.acquire(store)) {
            Path aside = store.resolveSibling(store.getFileName() + ".damaged-"
                    + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(clock.instant()));
            for (String suffix : List.of("-wal", "-shm", "")) {
                Path from = Path.of(store + suffix);
                if (Files.exists(from)) {
                    Files.move(from, Path.of(aside + suffix), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Map<String, Long> kept = new LinkedHashMap<>();
            Map<String, String> lost = new LinkedHashMap<>();
            Database.open(store).close(); // the new store, with this build's schema
            // Each range commits on its own: an error that SQLite meets in the damaged file must not undo the rest.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store); Statement s = c.createStatement()) {
                s.execute("ATTACH DATABASE '" + aside.toString().replace("'", "''") + "' AS damaged");
                for (String table : TABLES) {
                    salvage(c, table, kept, lost);
                }
            }
            return new Recovery(aside, kept, lost);
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot recover " + store + ": " + SqliteStore.describe(e), e);
        }
    }

    private static void salvage(Connection c, String table, Map<String, Long> kept, Map<String, String> lost) {
        String columns;
        long first;
        long last;
        try {
            columns = String.join(", ", commonColumns(c, table));
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT min(rowid), max(rowid) FROM damaged." + table)) {
                rs.next();
                first = rs.getLong(1);
                last = rs.getLong(2);
            }
        } catch (SQLException e) {
            kept.put(table, 0L);
            lost.put(table, "the whole table (" + e.getMessage() + ")");
            return;
        }
        String copy = "INSERT OR IGNORE INTO main." + table + " (" + columns + ") SELECT " + columns + " FROM damaged."
                + table + " WHERE rowid BETWEEN ? AND ?";
        long copied = 0;
        long unreadable = 0;
        String firstError = null;
        // A fresh statement for each try: the driver finalizes one that met damage.
        for (long from = first; from <= last; from += CHUNK) {
            long to = Math.min(last, from + CHUNK - 1);
            try {
                copied += run(c, copy, from, to);
            } catch (SQLException damagedRange) {
                for (long row = from; row <= to; row++) {
                    try {
                        copied += run(c, copy, row, row);
                    } catch (SQLException damagedRow) {
                        unreadable++;
                        if (firstError == null) {
                            firstError = damagedRow.getMessage();
                        }
                    }
                }
            }
        }
        kept.put(table, copied);
        if (unreadable > 0) {
            lost.merge(table, "up to " + unreadable + " row(s) in unreadable pages (" + firstError + ")",
                    (a, b) -> a + "; " + b);
        }
    }

    private static int run(Connection c, String sql, long from, long to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            return ps.executeUpdate();
        }
    }

    /** The columns both the new table and the damaged one have (the damaged file may be of an older schema). */
    private static List<String> commonColumns(Connection c, String table) throws SQLException {
        List<String> mine = columns(c, "main", table);
        List<String> theirs = columns(c, "damaged", table);
        List<String> both = new ArrayList<>(mine);
        both.retainAll(theirs);
        if (both.isEmpty()) {
            throw new SQLException("no readable columns");
        }
        return both;
    }

    private static List<String> columns(Connection c, String schema, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA " + schema + ".table_info(" + table + ")")) {
            while (rs.next()) {
                names.add(rs.getString("name"));
            }
        }
        return names;
    }

    private static void requireExists(Path store) {
        if (!Files.isRegularFile(store)) {
            throw new StoreException("there is no store at " + store + " (see store.path)", null);
        }
    }
}
