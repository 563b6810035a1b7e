package dev.ccotel.adapter.sqlite;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * The one connection the daemon writes through and the one it reads through, with their pragmas
 * and locks. SQLite takes one writer at a time anyway; a lock in front of each connection makes
 * that explicit and keeps JDBC objects on one thread at a time. Reads go through their own
 * connection so that loading a session's state never waits for another export's commit (WAL
 * lets a reader see the last committed data while a writer works).
 *
 * <p>What it leaves to others: the schema's migrations ({@link SchemaMigrations}), exports sharing
 * one commit ({@link GroupCommit}, behind {@link #inGroupTransaction}) and the statements kept per
 * connection ({@link KeptStatements}). It keeps what they all rely on: that the file is still the
 * one at its path and not damaged ({@link #unusable}).
 *
 * <p>Durability: WAL with {@code synchronous=FULL}, so a transaction that committed is on disk
 * (fsync'ed) before the exporter hears "success", power loss included. {@code NORMAL} would be
 * safe against a crash of the daemon but not of the machine; see docs/PERFORMANCE.md for what
 * each costs.
 */
final class Database implements AutoCloseable {
    /** The schema version this build writes ({@link SchemaMigrations#LATEST}), under the name its callers know. */
    static final int SCHEMA_VERSION = SchemaMigrations.LATEST;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path path;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final Connection reader;
    private final ReentrantLock readLock = new ReentrantLock();
    private final KeptStatements writerStatements;
    private final KeptStatements readerStatements;
    private final GroupCommit groupCommit;
    /** The file's identity (device and inode) when it was opened: a store deleted or replaced under the daemon changes it. */
    private final Object fileKey;
    /** Why nothing more may be committed here (the file left its path, or SQLite found it damaged); null while usable. */
    private volatile String unusable;

    private Database(Path path, Connection connection, Connection reader, Object fileKey) {
        this.path = path;
        this.connection = connection;
        this.reader = reader;
        this.fileKey = fileKey;
        this.writerStatements = new KeptStatements(connection);
        this.readerStatements = new KeptStatements(reader);
        this.groupCommit = new GroupCommit(writerStatements, lock, new GroupCommit.Guard() {
            @Override
            public void beforeCommit() throws SQLException {
                requireStillAtPath();
            }

            @Override
            public void failed(Exception e) {
                noteDamage(e);
            }
        });
    }

    /**
     * FULL, the durable choice. {@code -Dccotel.store.synchronous=NORMAL} exists only to measure what
     * FULL costs (docs/PERFORMANCE.md); it is not a configuration key.
     */
    private static String synchronous() {
        String value = System.getProperty("ccotel.store.synchronous", "FULL");
        if (!value.equals("FULL") && !value.equals("NORMAL")) {
            throw new IllegalArgumentException("ccotel.store.synchronous must be FULL or NORMAL, got " + value);
        }
        return value;
    }

    static Database open(Path path) throws IOException, SQLException {
        createFolderPrivately(path);
        createPrivately(path);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + path);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 5000"); // a report reading at the same moment must not fail a write
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = " + synchronous());
                s.execute("PRAGMA foreign_keys = ON");
            }
            SchemaMigrations.migrate(c, path);
            return new Database(path, c, openReadOnly(path), fileKey(path));
        } catch (SQLException | IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** A read-only connection for reports: WAL lets it read while the daemon writes. */
    static Connection openReadOnly(Path path) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5000);
        Connection c = config.createConnection("jdbc:sqlite:" + path);
        try {
            int version = SchemaMigrations.userVersion(c);
            if (version > SchemaMigrations.LATEST) {
                throw new SQLException(path + " was written by a newer ccotel (schema " + version + "; this one reads "
                        + SchemaMigrations.LATEST + ")");
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    Path path() {
        return path;
    }

    private static Object fileKey(Path path) throws IOException {
        Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        return key != null ? key : Files.getLastModifiedTime(path); // no inodes here: nothing better to compare
    }

    /** Why the store takes no more commits, if it does not: the daemon refuses exports rather than lose them. */
    Optional<String> unusable() {
        return Optional.ofNullable(unusable);
    }

    /** Marks the store unusable for good (this run): every later commit fails with {@code reason}. */
    void markUnusable(String reason) {
        if (unusable == null) {
            unusable = reason;
        }
    }

    /**
     * Fails unless the file this database writes is still the one at its path. SQLite keeps writing
     * into a file that was deleted (or renamed over) while it is open, and everything committed there
     * is gone once the daemon stops: an export must not be acknowledged into it. One stat per commit.
     */
    private void requireStillAtPath() throws SQLException {
        if (unusable == null) {
            Object now;
            try {
                now = fileKey(path);
            } catch (IOException gone) {
                now = null;
            }
            if (!fileKey.equals(now)) {
                markUnusable("the store file " + path + (now == null ? " was deleted" : " was replaced by another file")
                        + " while the daemon ran; nothing more is acknowledged into it. Restart the daemon: it then"
                        + " creates a new store there (or opens the one put there)");
            }
        }
        if (unusable != null) {
            throw new SQLException(unusable);
        }
    }

    /**
     * The file's schema version ({@code PRAGMA user_version}); {@link SchemaMigrations} owns it. Kept
     * here for the readers that ask it of a connection of their own (a report on a store an older
     * daemon still writes).
     */
    static int userVersion(Connection c) throws SQLException {
        return SchemaMigrations.userVersion(c);
    }

    /** SQLITE_CORRUPT or SQLITE_NOTADB, in any of their extended codes. */
    static boolean isDamage(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        return primary == 11 || primary == 26;
    }

    private void noteDamage(Exception e) {
        if (e instanceof SQLException sql && isDamage(sql)) {
            markUnusable("the store file " + path + " is damaged (" + sql.getMessage() + "); nothing more is"
                    + " acknowledged into it. Stop the daemon and run 'ccotel store recover' (it moves the damaged"
                    + " file aside and keeps what SQLite can still read)");
        }
    }


    /**
     * {@code sql} prepared on {@code c}, the connection a piece of work was given, from the ones
     * kept for it ({@link KeptStatements#prepared}).
     */
    PreparedStatement prepared(Connection c, String sql) throws SQLException {
        return statementsOf(c).prepared(sql);
    }

    private KeptStatements statementsOf(Connection c) {
        if (c == connection) {
            return writerStatements;
        }
        if (c == reader) {
            return readerStatements;
        }
        throw new IllegalArgumentException("not a connection of this database: " + c);
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     * {@code BEGIN IMMEDIATE} takes the write lock up front, so a busy database fails here (after
     * the busy timeout) rather than half way. The statements are issued by hand, not through
     * JDBC's auto-commit switch: SQLite rolls a transaction back by itself after some errors
     * (SQLITE_FULL among them), and the driver's own bookkeeping would then go wrong.
     */
    <T> T inTransaction(Work<T> work) throws SQLException {
        return transaction(connection, lock, "BEGIN IMMEDIATE", work);
    }

    /**
     * {@link #inTransaction}, committed without its own fsync: atomic and consistent at once, and
     * made durable by the next commit that syncs (every export's) or the next checkpoint. A power
     * cut before then undoes it, nothing else: for work whose undoing is harmless, such as marking
     * requests delivered (the contract lets a re-sent request be dropped by its ids). Saves one
     * fsync per forwarded request.
     */
    <T> T inTransactionSyncedLater(Work<T> work) throws SQLException {
        lock.lock();
        try {
            writerStatements.control("PRAGMA synchronous = NORMAL");
            try {
                return transaction(connection, lock, "BEGIN IMMEDIATE", work);
            } finally {
                writerStatements.control("PRAGMA synchronous = " + synchronous());
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} in a transaction it may share with work other threads hand in at the same
     * moment: the thread that gets the write lock runs everything waiting, each piece in its own
     * savepoint, and commits once. Returns once {@code work} is committed; throws what {@code work}
     * threw, or what failed the shared transaction (its begin or commit, or a failure after which
     * SQLite ended the transaction itself, as it does when the disk is full), in which case none
     * of the group is kept.
     */
    <T> T inGroupTransaction(Work<T> work) throws SQLException {
        return groupCommit.run(work);
    }

    /** How many shared transactions committed so far (each one fsync). */
    long groupCommits() {
        return groupCommit.commits();
    }

    /** How many threads wait for the write lock (tests use it to line work up in one group). */
    int waitingWriters() {
        return lock.getQueueLength();
    }

    /** Ends the transaction on {@code control}'s connection, if SQLite has not ended it already. */
    static void rollBack(Statement control) {
        try {
            control.execute("ROLLBACK");
        } catch (SQLException alreadyRolledBack) {
            // SQLite ended the transaction itself; nothing is left to undo
        }
    }


    /** Runs {@code work} in a read transaction on the reading connection: one consistent view, and no wait for a writer (WAL). */
    <T> T read(Work<T> work) throws SQLException {
        return transaction(reader, readLock, "BEGIN", work);
    }

    private <T> T transaction(Connection c, ReentrantLock lock, String begin, Work<T> work)
            throws SQLException {
        lock.lock();
        KeptStatements statements = statementsOf(c);
        try (Statement control = c.createStatement()) {
            statements.control(begin);
            try {
                T result = work.run(c);
                if (c == connection) {
                    requireStillAtPath();
                }
                statements.control("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                noteDamage(e);
                statements.forget();
                rollBack(control);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes both connections after finalizing the kept statements and moving the write-ahead log
     * into the file: SQLite cannot close a connection that has unfinalized statements (it stays open
     * as a zombie, and the log is never folded back), and a store copied as {@code ccotel.db} alone
     * must hold everything.
     */
    @Override
    public void close() throws SQLException {
        lock.lock();
        readLock.lock();
        try (reader; connection) {
            readerStatements.forget();
            writerStatements.forget();
            if (unusable == null) {
                try (Statement s = connection.createStatement()) {
                    s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                }
            }
        } finally {
            readLock.unlock();
            lock.unlock();
        }
    }

    /** Copies the store, consistently, to {@code target} through SQLite's online backup (safe while the daemon writes). */
    static void backup(Path path, Path target) throws SQLException {
        try (Connection c = openReadOnly(path)) {
            int rc = c.unwrap(SQLiteConnection.class).getDatabase().backup("main", target.toString(), null);
            if (rc != 0) {
                throw new SQLException("SQLite's backup of " + path + " to " + target + " failed (result code " + rc + ")",
                        null, rc);
            }
        }
    }

    /**
     * SQLite's own check of the file: {@code quick_check} (every page and row, no index-to-table
     * cross-check: linear in the file) or {@code integrity_check} (also the indexes). Returns the
     * problems found, empty for a sound file.
     */
    static List<String> check(Connection c, boolean full) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(full ? "PRAGMA integrity_check(100)" : "PRAGMA quick_check(100)")) {
            while (rs.next()) {
                String line = rs.getString(1);
                if (!"ok".equals(line)) {
                    problems.add(line);
                }
            }
        }
        return problems;
    }

    /** {@link #check} through the reading connection, so that it never holds up a write. */
    List<String> check(boolean full) throws SQLException {
        readLock.lock();
        try {
            return check(reader, full);
        } finally {
            readLock.unlock();
        }
    }

    /** The folder 0700 and the file 0600 from the moment they exist; SQLite gives its -wal and -shm files the same mode. */
    static void createFolderPrivately(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            if (posix()) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void createPrivately(Path path) throws IOException {
        boolean posix = posix();
        if (Files.exists(path)) {
            return;
        }
        try {
            if (posix) {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(path);
            }
        } catch (FileAlreadyExistsException raced) {
            // another process created it first; it applied the same mode
        }
    }

}
