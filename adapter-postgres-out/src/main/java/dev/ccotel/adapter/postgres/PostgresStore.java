package dev.ccotel.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ccotel.ports.out.KeepMemberTelemetryPort;
import dev.ccotel.ports.out.KeepSpansPort;
import dev.ccotel.ports.out.LoadSessionStatePort;
import dev.ccotel.ports.out.LockSessionsPort;
import dev.ccotel.ports.out.ManageMembersPort;
import dev.ccotel.ports.out.ReadUsagePort;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import org.flywaydb.core.Flyway;

/**
 * The hub's store on PostgreSQL: migrated by Flyway ({@code db/migration}) when opened, one pool for
 * exports, members and reports, and a second one whose connections only hold sessions' advisory
 * locks, so that an export waiting for a lock never takes the connection another needs to finish.
 * The module's one public entry: the ports it implements come from here.
 */
public final class PostgresStore implements AutoCloseable {
    private final HikariDataSource pool;
    private final HikariDataSource lockPool;
    private final Instant trustedSince;
    private final Clock clock;

    private PostgresStore(HikariDataSource pool, HikariDataSource lockPool, Instant trustedSince, Clock clock) {
        this.pool = pool;
        this.lockPool = lockPool;
        this.trustedSince = trustedSince;
        this.clock = clock;
    }

    /**
     * Connects, brings the schema to the newest version and opens the pools.
     *
     * @throws IllegalStateException when the database cannot be reached or migrated, with its words
     */
    public static PostgresStore open(PostgresConfig config, Clock clock) {
        HikariDataSource pool = null;
        HikariDataSource lockPool = null;
        try {
            pool = new HikariDataSource(hikari(config, "ccotel-hub", config.poolSize()));
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            HikariConfig locks = hikari(config, "ccotel-hub-locks", config.poolSize());
            // lock_timeout bounds the wait for an advisory lock too: a stuck hub costs a retry, not a hang.
            locks.setConnectionInitSql("SET lock_timeout = " + config.lockWait().toMillis());
            lockPool = new HikariDataSource(locks);
            return new PostgresStore(pool, lockPool, createdAt(pool), clock);
        } catch (RuntimeException | SQLException e) {
            if (lockPool != null) {
                lockPool.close();
            }
            if (pool != null) {
                pool.close();
            }
            throw new IllegalStateException("cannot open the hub's database " + config.url() + ": " + rootMessage(e), e);
        }
    }

    private static HikariConfig hikari(PostgresConfig config, String name, int size) {
        HikariConfig h = new HikariConfig();
        h.setJdbcUrl(config.url());
        h.setUsername(config.user());
        if (!config.password().isEmpty()) {
            h.setPassword(config.password());
        }
        h.setPoolName(name);
        h.setMaximumPoolSize(size);
        h.setMinimumIdle(1);
        h.setConnectionTimeout(10_000);
        h.setInitializationFailTimeout(10_000);
        return h;
    }

    private static Instant createdAt(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MIN(created_at) FROM store_info")) {
            rs.next();
            return Instant.ofEpochMilli(rs.getLong(1));
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    public ManageMembersPort members() {
        return new PgMembers(pool);
    }

    public KeepMemberTelemetryPort keeper() {
        return new PgKeeper(pool, clock);
    }

    public LoadSessionStatePort sessionStates() {
        return new PgSessionStates(pool, trustedSince);
    }

    /** Spans of raw OTLP traces, for the team dashboard's session timeline. */
    public KeepSpansPort spans() {
        return new PgSpans(pool);
    }

    public LockSessionsPort sessionLocks() {
        return new PgSessionLocks(lockPool);
    }

    /** The history for reports, with each session's project, or its member, or its member and machine, as the project. */
    public ReadUsagePort usage(Attribution attribution) {
        return new PgUsageReader(pool, attribution);
    }

    /** What a report's "project" stands for: the team's reports group by member or machine with the same use case. */
    public enum Attribution {
        PROJECT, MEMBER, MACHINE
    }

    @Override
    public void close() {
        lockPool.close();
        pool.close();
    }
}
