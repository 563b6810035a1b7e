package dev.ccotel.adapter.postgres;

import dev.ccotel.domain.SessionState;
import dev.ccotel.ports.out.LoadSessionStatePort;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Session states from {@code session_states}, for raw OTLP folded at the hub. Read while the sessions
 * are held ({@link PgSessionLocks}), so what is read is what the last hub to fold them kept. A read
 * error is thrown: the sender retries rather than the session being counted from zero.
 */
final class PgSessionStates implements LoadSessionStatePort {
    private static final System.Logger LOG = System.getLogger(PgSessionStates.class.getName());

    private final DataSource pool;
    private final Instant trustedSince;

    PgSessionStates(DataSource pool, Instant trustedSince) {
        this.pool = pool;
        this.trustedSince = trustedSince;
    }

    @Override
    public Map<String, SessionState> load(Set<String> sessionIds) {
        Map<String, SessionState> found = new HashMap<>();
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT session_id, state FROM session_states WHERE session_id = ANY (?)")) {
            Array ids = c.createArrayOf("text", sessionIds.toArray());
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    decode(rs.getString(1), rs.getBytes(2), found);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read session state from the hub's database: "
                    + PostgresStore.rootMessage(e), e);
        }
        return found;
    }

    private static void decode(String id, byte[] bytes, Map<String, SessionState> into) {
        try {
            into.put(id, SessionState.decode(bytes));
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "the stored state of session {0} cannot be read ({1}); the session's"
                    + " totals start again from this export", id, e.getMessage());
        }
    }

    @Override
    public Instant trustedSince() {
        return trustedSince;
    }
}
