package dev.ccotel.adapter.sqlite;

import dev.ccotel.ports.out.EncodedRequest;
import dev.ccotel.ports.out.KeptExport;
import dev.ccotel.ports.model.OutboxDepth;
import dev.ccotel.ports.out.OutboxPort;
import dev.ccotel.ports.out.PendingRequest;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The requests that wait for the backend, in the table {@code outbox}. Appended to inside the
 * keeper's transaction; read and cleared by the forwarder. A failure to read or clear is never
 * taken for an empty or delivered outbox: it is thrown, and the forwarder tries again later.
 */
final class SqliteOutbox implements OutboxPort {
    private static final System.Logger LOG = System.getLogger(SqliteOutbox.class.getName());

    private final Database db;
    private final StoreConfig config;
    private final Clock clock;
    private long requests;
    private long bytes;

    SqliteOutbox(Database db, StoreConfig config, Clock clock) throws SQLException {
        this.db = db;
        this.config = config;
        this.clock = clock;
        db.inTransaction(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(SUM(LENGTH(body)), 0) FROM outbox")) {
                rs.next();
                synchronized (this) {
                    requests = rs.getLong(1);
                    bytes = rs.getLong(2);
                }
            }
            return null;
        });
    }

    synchronized boolean hasRoomFor(long more) {
        return bytes + more <= config.outboxMaxBytes() || bytes == 0;
    }

    void append(Connection c, List<KeptExport.Request> kept, long now) throws SQLException {
        PreparedStatement ps = db.prepared(c, "INSERT INTO outbox (session_id, kept_at, items, body) VALUES (?, ?, ?, ?)");
        for (KeptExport.Request r : kept) {
            ps.setString(1, r.encoded().sessionId());
            ps.setLong(2, now);
            ps.setInt(3, r.encoded().itemCount());
            ps.setBytes(4, r.encoded().body());
            ps.addBatch();
        }
        ps.executeBatch();
    }

    /** Called once the keeper's transaction committed. */
    synchronized void added(long count, long size) {
        requests += count;
        bytes += size;
    }

    /**
     * The oldest waiting requests. Those older than {@code delivery.outbox.max-age} are dropped first;
     * that takes the write lock, so it happens only when the oldest one read is past the age.
     */
    @Override
    public List<PendingRequest> oldest(int max) {
        List<PendingRequest> oldest = read(max);
        long cutoff = clock.millis() - config.outboxMaxAge().toMillis();
        if (!oldest.isEmpty() && oldest.getFirst().keptAt().toEpochMilli() < cutoff) {
            dropExpired(cutoff);
            oldest = read(max);
        }
        return oldest;
    }

    private List<PendingRequest> read(int max) {
        try {
            return db.read(c -> {
                List<PendingRequest> out = new ArrayList<>();
                PreparedStatement ps = db.prepared(c, "SELECT id, session_id, kept_at, items, body FROM outbox"
                        + " ORDER BY id LIMIT ?");
                ps.setInt(1, max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new PendingRequest(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(3)),
                                new EncodedRequest(rs.getString(2), rs.getBytes(5), rs.getInt(4))));
                    }
                }
                return out;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the outbox in " + db.path() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deleted in a transaction that is not synced on its own (see {@link Database#inTransactionSyncedLater}):
     * should a power cut undo it, the requests are sent again, and their ids let the backend drop
     * the copies (the contract's de-duplication).
     */
    @Override
    public void delivered(List<Long> ids) {
        try {
            counted(db.inTransactionSyncedLater(c -> delete(c, ids)));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update the outbox in " + db.path() + ": " + e.getMessage(), e);
        }
    }

    /** Moved to {@code refused} and out of the outbox in one transaction, so it is always in exactly one. */
    @Override
    public void refused(long id, String message) {
        long now = clock.millis();
        try {
            counted(db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO refused (id, session_id, kept_at,"
                        + " refused_at, items, message, body) SELECT id, session_id, kept_at, ?, items, ?, body"
                        + " FROM outbox WHERE id = ?")) {
                    ps.setLong(1, now);
                    ps.setString(2, message);
                    ps.setLong(3, id);
                    ps.executeUpdate();
                }
                return delete(c, List.of(id));
            }));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update the outbox in " + db.path() + ": " + e.getMessage(), e);
        }
    }

    /** Deletes these entries; returns {bytes, requests} actually removed (an id already gone counts nothing). */
    private long[] delete(Connection c, List<Long> ids) throws SQLException {
        long[] gone = new long[2];
        PreparedStatement length = db.prepared(c, "SELECT LENGTH(body) FROM outbox WHERE id = ?");
        PreparedStatement delete = db.prepared(c, "DELETE FROM outbox WHERE id = ?");
        for (long id : ids) {
            length.setLong(1, id);
            try (ResultSet rs = length.executeQuery()) {
                if (!rs.next()) {
                    continue; // already gone (delivered by an earlier round that crashed after the POST)
                }
                gone[0] += rs.getLong(1);
            }
            delete.setLong(1, id);
            delete.executeUpdate();
            gone[1]++;
        }
        return gone;
    }

    /** The running counts follow a transaction only once it committed. */
    private synchronized void counted(long[] gone) {
        bytes -= gone[0];
        requests -= gone[1];
    }

    private void dropExpired(long cutoff) {
        try {
            long[] dropped = db.inTransaction(c -> {
                long[] counted = new long[2];
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*), COALESCE(SUM(LENGTH(body)), 0) FROM outbox WHERE kept_at < ?")) {
                    ps.setLong(1, cutoff);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        counted[0] = rs.getLong(1);
                        counted[1] = rs.getLong(2);
                    }
                }
                if (counted[0] > 0) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE kept_at < ?")) {
                        ps.setLong(1, cutoff);
                        ps.executeUpdate();
                    }
                }
                return counted;
            });
            if (dropped[0] > 0) {
                synchronized (this) {
                    requests -= dropped[0];
                    bytes -= dropped[1];
                }
                LOG.log(Level.WARNING, "{0} request(s) waited longer than delivery.outbox.max-age ({1}) for the backend"
                        + " and will not be sent; they stay in the local history", dropped[0], config.outboxMaxAge());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prune the outbox in " + db.path() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public OutboxDepth depth() {
        try {
            return db.read(c -> {
                Optional<Instant> oldest = Optional.empty();
                long refused;
                try (Statement s = c.createStatement()) {
                    try (ResultSet rs = s.executeQuery("SELECT MIN(kept_at) FROM outbox")) {
                        if (rs.next() && rs.getObject(1) != null) {
                            oldest = Optional.of(Instant.ofEpochMilli(rs.getLong(1)));
                        }
                    }
                    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM refused")) {
                        rs.next();
                        refused = rs.getLong(1);
                    }
                }
                synchronized (this) {
                    return new OutboxDepth(requests, bytes, oldest, refused);
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the outbox in " + db.path() + ": " + e.getMessage(), e);
        }
    }
}
