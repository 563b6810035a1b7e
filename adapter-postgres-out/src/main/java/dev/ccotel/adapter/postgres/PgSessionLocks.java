package dev.ccotel.adapter.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.ccotel.ports.out.HeldSessions;
import dev.ccotel.ports.out.LockSessionsPort;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

/**
 * Holds sessions with PostgreSQL's session-level advisory locks, one 64-bit key per session id (the
 * first eight bytes of its SHA-256; two ids sharing a key only wait for each other), taken in
 * ascending order so two hubs locking overlapping sessions cannot deadlock. The connection that holds
 * them comes from a pool of its own and goes back after {@code pg_advisory_unlock_all}; one that cannot
 * unlock is thrown away, which ends its database session and with it the locks.
 */
final class PgSessionLocks implements LockSessionsPort {
    private final HikariDataSource lockPool;

    PgSessionLocks(HikariDataSource lockPool) {
        this.lockPool = lockPool;
    }

    @Override
    public HeldSessions lock(Set<String> sessionIds) {
        long[] keys = sessionIds.stream().mapToLong(PgSessionLocks::key).distinct().sorted().toArray();
        Connection c;
        try {
            c = lockPool.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("no connection to the hub's database: " + PostgresStore.rootMessage(e), e);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
            for (long key : keys) {
                ps.setLong(1, key);
                ps.execute();
            }
        } catch (SQLException e) {
            release(c);
            throw new IllegalStateException("cannot lock the sessions in the hub's database: "
                    + PostgresStore.rootMessage(e), e);
        }
        return new HeldSessions(() -> release(c));
    }

    private void release(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock_all()")) {
            ps.execute();
            c.close();
        } catch (SQLException e) {
            lockPool.evictConnection(c);
        }
    }

    static long key(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
