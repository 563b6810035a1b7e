package dev.ccotel.adapter.sqlite;

import dev.ccotel.ports.out.KeepMemberTelemetryPort;
import dev.ccotel.ports.out.LoadSessionStatePort;
import dev.ccotel.ports.out.LockSessionsPort;
import dev.ccotel.ports.out.ManageMembersPort;
import dev.ccotel.ports.out.ReadUsagePort;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * The hub's store in one SQLite file, the embedded default of a one-person hub ({@code ccotel hub}
 * without {@code hub.database.url}): the out-ports the PostgreSQL store gives the hub, over a file
 * in the local store's shape (its migrations, schema-5.sql adding the members). One hub process
 * holds the file ({@link StoreLock}), so sessions are held in this process alone
 * ({@link InProcessSessionLocks}). The member commands and the reports open the file beside a running
 * hub ({@link #members(Path, String)}, {@link #usage(Path, Attribution)}): SQLite orders their writes.
 */
public final class SqliteHubStore implements AutoCloseable {
    /** How long an export waits for a session another export is folding, as on PostgreSQL. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);

    /** The configuration key that names the file, in every message about it. */
    private final String key;
    private final Database db;
    private final StoreLock lock;
    private final Clock clock;
    private final InProcessSessionLocks sessionLocks;
    private final SqliteSessionStates states;

    private SqliteHubStore(String key, Database db, StoreLock lock, Clock clock, Duration lockWait) {
        this.key = key;
        this.db = db;
        this.lock = lock;
        this.clock = clock;
        this.sessionLocks = new InProcessSessionLocks(lockWait);
        this.states = new SqliteSessionStates(db, clock.instant());
    }

    /**
     * Opens the file for the running hub, creating it (0600, in a 0700 folder) and its schema as needed,
     * and holds it until closed.
     *
     * @param key the configuration key that names {@code path}, for the messages ({@code hub.database.path})
     * @param lockWait how long an export waits for a session another export is folding before it is told to retry
     * @throws StoreInUseException when another hub (or a daemon) holds the file
     * @throws StoreException with the cause in words when the file cannot be opened or migrated
     */
    public static SqliteHubStore open(Path path, String key, Duration lockWait, Clock clock) {
        StoreLock lock;
        try {
            Database.createFolderPrivately(path);
            StoreFolder.warnIfOthersCanEnter(path);
            lock = StoreLock.acquire(path);
        } catch (StoreInUseException e) {
            throw e.ofHub(key);
        } catch (IOException e) {
            throw cannotOpen(path, key, e);
        }
        try {
            return new SqliteHubStore(key, Database.open(path), lock, clock, lockWait);
        } catch (IOException | SQLException | RuntimeException e) {
            try {
                lock.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw cannotOpen(path, key, e);
        }
    }

    private static StoreException cannotOpen(Path path, String key, Exception e) {
        return new StoreException("cannot open the hub's store " + path + ": " + SqliteStore.describe(e) + " (set "
                + key + " to a writable file)", e);
    }

    /** Says in the lock file who holds it (e.g. "hub http 127.0.0.1:8318"), so that a second hub can name this one. */
    public void holderIs(String listeners) {
        try {
            lock.describe("pid " + ProcessHandle.current().pid() + ", " + listeners);
        } catch (IOException e) {
            System.getLogger(SqliteHubStore.class.getName()).log(System.Logger.Level.DEBUG,
                    () -> "cannot write " + lock.file() + ": " + e.getMessage());
        }
    }

    public ManageMembersPort members() {
        return new SqliteMembers(db);
    }

    public KeepMemberTelemetryPort keeper() {
        return new SqliteMemberKeeper(db, clock);
    }

    public LoadSessionStatePort sessionStates() {
        return states;
    }

    public LockSessionsPort sessionLocks() {
        return sessionLocks;
    }

    /** The spans of raw OTLP traces members send, for the team dashboard's session pages. */
    public dev.ccotel.ports.out.KeepSpansPort spans() {
        return new SqliteSpans(db);
    }

    /** The history for reports and the dashboard, with each session's project, member, or member and machine as the project. */
    public ReadUsagePort usage(Attribution attribution) {
        return usage(db.path(), attribution);
    }

    /** What a report's "project" stands for: the team's reports group by member or machine with the same use case. */
    public enum Attribution {
        PROJECT, MEMBER, MACHINE
    }

    /**
     * The history of the hub's file at {@code path}, read while a hub may write it (WAL); empty when there is no
     * file yet.
     */
    public static ReadUsagePort usage(Path path, Attribution attribution) {
        return switch (attribution) {
            case PROJECT -> SqliteUsageReader.byProjectOfMembers(path);
            case MEMBER -> SqliteUsageReader.byMember(path, false);
            case MACHINE -> SqliteUsageReader.byMember(path, true);
        };
    }

    /** The members of the hub's file, opened (created, migrated) beside a hub that may be running on it. */
    public static Members members(Path path, String key) {
        try {
            Database.createFolderPrivately(path);
            return new Members(Database.open(path));
        } catch (IOException | SQLException e) {
            throw cannotOpen(path, key, e);
        }
    }

    /** {@link #members(Path, String)}'s file, closed after. */
    public static final class Members implements AutoCloseable {
        private final Database db;

        private Members(Database db) {
            this.db = db;
        }

        public ManageMembersPort port() {
            return new SqliteMembers(db);
        }

        @Override
        public void close() {
            try {
                db.close();
            } catch (SQLException e) {
                throw new StoreException("closing the hub's store " + db.path() + " failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            System.getLogger(SqliteHubStore.class.getName()).log(System.Logger.Level.WARNING,
                    "closing the hub's store {0} failed: {1}", db.path(), e.getMessage());
        }
        try {
            lock.close();
        } catch (IOException e) {
            System.getLogger(SqliteHubStore.class.getName()).log(System.Logger.Level.WARNING,
                    "releasing {0} failed: {1}", lock.file(), e.getMessage());
        }
    }

    @Override
    public String toString() {
        return key + " " + db.path();
    }
}
