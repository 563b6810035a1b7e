package dev.ccotel.adapter.sqlite;

import dev.ccotel.ports.out.KeepSessionContextPort;
import dev.ccotel.ports.out.KeepSpansPort;
import dev.ccotel.ports.out.KeepTelemetryPort;
import dev.ccotel.ports.out.LoadSessionStatePort;
import dev.ccotel.ports.out.OutboxPort;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.lang.System.Logger.Level;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The local store, one SQLite file: history (sessions, events, data points), session states, and
 * the outbox of requests waiting for the backend. Opens (creating and migrating) the file and hands
 * out the out-ports the daemon is wired with. Close it after the receivers and the forwarder.
 */
public final class SqliteStore implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SqliteStore.class.getName());

    /** Up to this size the start checks every page before taking exports (tens of milliseconds); a larger file is checked in the background. */
    static final long CHECK_AT_START_BYTES = 16L * 1024 * 1024;

    private final Database db;
    private final StoreLock lock;
    private final StoreConfig config;
    private final Clock clock;
    private final SqliteOutbox outbox;
    private final SqliteKeeper keeper;
    private final SqliteSessionStates states;
    private final SqliteSessionContexts contexts;
    private final SqliteSpans spans;

    private SqliteStore(Database db, StoreLock lock, StoreConfig config, Clock clock) throws SQLException {
        this.db = db;
        this.lock = lock;
        this.config = config;
        this.clock = clock;
        this.outbox = new SqliteOutbox(db, config, clock);
        this.keeper = new SqliteKeeper(db, config, outbox, clock);
        this.states = new SqliteSessionStates(db, clock.instant());
        this.contexts = new SqliteSessionContexts(db);
        this.spans = new SqliteSpans(db);
    }

    /**
     * Opens the store at {@code config.path()}, creating the file (0600, in a 0700 folder) and its
     * schema as needed, and prunes what is older than {@code store.max-age}.
     *
     * Only one process opens a store at a time ({@link StoreLock}). The file is checked for damage:
     * fully before the first export when it is small, in the background otherwise.
     *
     * @throws StoreInUseException when another daemon holds the store
     * @throws StoreException with the cause in words when the file cannot be opened, migrated, or is damaged
     */
    public static SqliteStore open(StoreConfig config, Clock clock) {
        return open(config, clock, CHECK_AT_START_BYTES);
    }

    static SqliteStore open(StoreConfig config, Clock clock, long checkAtStartBytes) {
        Objects.requireNonNull(config, "config");
        StoreLock lock;
        try {
            Database.createFolderPrivately(config.path());
            StoreFolder.warnIfOthersCanEnter(config.path());
            lock = StoreLock.acquire(config.path());
        } catch (IOException e) {
            throw new StoreException("cannot open the local store " + config.path() + ": " + describe(e)
                    + " (set store.path to a writable file)", e);
        }
        Database db;
        try {
            db = Database.open(config.path());
        } catch (IOException | SQLException e) {
            closeQuietly(lock, e);
            throw failure("cannot open the local store " + config.path() + ": " + describe(e)
                    + " (set store.path to a writable file)", config, e);
        }
        try {
            boolean checkNow = Files.size(config.path()) <= checkAtStartBytes;
            if (checkNow) {
                List<String> problems = StoreMaintenance.problems(() -> db.check(false));
                if (!problems.isEmpty()) {
                    throw StoreDamagedException.found(config.path(), problems);
                }
            }
            SqliteStore store = new SqliteStore(db, lock, config, clock);
            store.prune();
            if (!checkNow) {
                store.checkInTheBackground();
            }
            return store;
        } catch (SQLException | IOException | RuntimeException e) {
            try {
                db.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            closeQuietly(lock, e);
            if (e instanceof StoreException known) {
                throw known;
            }
            throw failure("cannot read the local store " + config.path() + ": " + describe(e), config, e);
        }
    }

    /** What a failed open says: the way out of a damaged file, or {@code message}. */
    private static StoreException failure(String message, StoreConfig config, Exception e) {
        return isDamage(e) ? StoreDamagedException.found(config.path(), List.of(describe(e)))
                : new StoreException(message, e);
    }

    private static void closeQuietly(StoreLock lock, Exception cause) {
        try {
            lock.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** A large store is checked page by page on a background thread; damage found there stops acknowledging. */
    private void checkInTheBackground() {
        Thread.ofPlatform().daemon().name("ccotel-store-check").priority(Thread.MIN_PRIORITY).start(() -> {
            try {
                List<String> problems = StoreMaintenance.problems(() -> db.check(false));
                if (!problems.isEmpty()) {
                    String reason = StoreDamagedException.found(config.path(), problems).getMessage();
                    db.markUnusable(reason);
                    LOG.log(Level.ERROR, reason);
                }
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "could not check the local store {0}: {1}", config.path(), e.getMessage());
            }
        });
    }

    /**
     * Says in the lock file who holds the store, e.g. "OTLP/gRPC 127.0.0.1:4317", so that a second
     * daemon started on it can name this one.
     */
    public void holderIs(String listeners) {
        try {
            lock.describe("pid " + ProcessHandle.current().pid() + ", " + listeners);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "cannot write " + lock.file() + ": " + e.getMessage());
        }
    }

    /** Why the store takes no more exports (deleted or replaced under the daemon, or damaged), if it does not. */
    public Optional<String> unusable() {
        return db.unusable();
    }

    public KeepTelemetryPort keeper() {
        return keeper;
    }

    /**
     * The store's side of an import run by hand, while no daemon holds the store: opened for writing only once
     * there is something to keep ({@link OnDemandImports}).
     */
    public static OnDemandImports importsOnDemand(StoreConfig config, Clock clock) {
        return new OnDemandImports(config, clock);
    }

    /** Sessions read from Claude Code's transcripts ({@code ccotel import}). */
    public dev.ccotel.ports.out.KeepImportsPort imports() {
        return new SqliteImports(db, clock);
    }

    public LoadSessionStatePort sessionStates() {
        return states;
    }

    public OutboxPort outbox() {
        return outbox;
    }

    /** The spans of Claude Code's traces. */
    public KeepSpansPort spans() {
        return spans;
    }

    /** Session contexts (the statusline's and the start hook's), and each session's cost for its statusline. */
    public KeepSessionContextPort sessionContexts() {
        return contexts;
    }

    /** Deletes history older than {@code store.max-age}; returns the rows deleted. */
    public long prune() throws SQLException {
        if (config.maxAge().compareTo(StoreConfig.KEEP_FOREVER) >= 0) {
            return 0;
        }
        long cutoff = Instant.now(clock).minus(config.maxAge()).toEpochMilli();
        long deleted = db.inTransaction(c -> {
            long n = 0;
            for (String sql : new String[] {"DELETE FROM events WHERE ts < ?", "DELETE FROM metrics WHERE ts < ?",
                    "DELETE FROM sessions WHERE last_seen < ?", "DELETE FROM session_states WHERE last_seen < ?",
                    "DELETE FROM refused WHERE refused_at < ?",
                    "DELETE FROM session_context WHERE last_seen < ?", "DELETE FROM rate_limits WHERE ts < ?",
                    "DELETE FROM spans WHERE end_ns / 1000000 < ?", "DELETE FROM imported_usage WHERE quarter < ?",
                    "DELETE FROM imported_sessions WHERE ended_at < ?"}) { // transcript_files stay: not imported again
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, cutoff);
                    n += ps.executeUpdate();
                }
            }
            return n;
        });
        if (deleted > 0) {
            LOG.log(Level.INFO, "pruned {0} row(s) older than store.max-age ({1}) from {2}", deleted, config.maxAge(),
                    config.path());
        }
        return deleted;
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "closing the local store {0} failed: {1}", config.path(), e.getMessage());
        }
        try {
            lock.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "releasing {0} failed: {1}", lock.file(), e.getMessage());
        }
    }

    static boolean isDamage(Throwable e) {
        return e instanceof SQLException sql && Database.isDamage(sql);
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException fse) {
            message = fse.getFile() + ": " + (fse.getReason() != null ? fse.getReason() : fse.getClass().getSimpleName());
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
