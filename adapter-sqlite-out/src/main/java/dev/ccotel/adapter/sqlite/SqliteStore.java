package dev.ccotel.adapter.sqlite;

import dev.ccotel.ports.out.KeepTelemetryPort;
import dev.ccotel.ports.out.LoadSessionStatePort;
import dev.ccotel.ports.out.OutboxPort;
import java.io.IOException;
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

    private final Database db;
    private final StoreConfig config;
    private final Clock clock;
    private final SqliteOutbox outbox;
    private final SqliteKeeper keeper;
    private final SqliteSessionStates states;

    private SqliteStore(Database db, StoreConfig config, Clock clock) throws SQLException {
        this.db = db;
        this.config = config;
        this.clock = clock;
        this.outbox = new SqliteOutbox(db, config, clock);
        this.keeper = new SqliteKeeper(db, config, outbox, clock);
        this.states = new SqliteSessionStates(db, clock.instant());
    }

    /**
     * Opens the store at {@code config.path()}, creating the file (0600, in a 0700 folder) and its
     * schema as needed, and prunes what is older than {@code store.max-age}.
     *
     * @throws StoreException with the cause in words when the file cannot be opened or migrated
     */
    public static SqliteStore open(StoreConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        Database db;
        try {
            db = Database.open(config.path());
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot open the local store " + config.path() + ": " + describe(e)
                    + " (set store.path to a writable file)", e);
        }
        try {
            SqliteStore store = new SqliteStore(db, config, clock);
            store.prune();
            return store;
        } catch (SQLException | RuntimeException e) {
            try {
                db.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw new StoreException("cannot read the local store " + config.path() + ": " + describe(e), e);
        }
    }

    public KeepTelemetryPort keeper() {
        return keeper;
    }

    public LoadSessionStatePort sessionStates() {
        return states;
    }

    public OutboxPort outbox() {
        return outbox;
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
                    "DELETE FROM refused WHERE refused_at < ?"}) {
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
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException fse) {
            message = fse.getFile() + ": " + (fse.getReason() != null ? fse.getReason() : fse.getClass().getSimpleName());
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
