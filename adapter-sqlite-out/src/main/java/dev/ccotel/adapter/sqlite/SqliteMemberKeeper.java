package dev.ccotel.adapter.sqlite;

import dev.ccotel.domain.SessionState;
import dev.ccotel.ports.model.Member;
import dev.ccotel.ports.out.KeepMemberTelemetryPort;
import dev.ccotel.ports.out.KeepOutcome;
import dev.ccotel.ports.out.KeptExport;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * The hub's keeper on SQLite: an export in one transaction (shared with those kept at the same
 * moment), its events and data points once each by id, each session's row with the member who sent
 * it first and totals that only grow, and the sessions' states. No outbox: the hub forwards nothing.
 * Any failure rolls all of it back and the sender is told to retry.
 */
final class SqliteMemberKeeper implements KeepMemberTelemetryPort {
    private static final System.Logger LOG = System.getLogger(SqliteMemberKeeper.class.getName());

    private final Database db;
    private final KeptRows rows;
    private final Clock clock;
    private final RateLimitedLog failures;

    SqliteMemberKeeper(Database db, Clock clock) {
        this.db = db;
        this.rows = new KeptRows(db);
        this.clock = clock;
        this.failures = new RateLimitedLog(LOG, clock);
    }

    @Override
    public KeepOutcome keep(Member member, KeptExport export) {
        long now = clock.millis();
        try {
            db.inGroupTransaction(c -> {
                for (KeptExport.Request r : export.requests()) {
                    rows.events(c, r.request());
                    rows.metrics(c, r.request());
                    rows.memberSession(c, member.id(), r.request(), now);
                }
                for (SessionState state : export.states()) {
                    rows.state(c, state, now);
                }
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            String reason = db.unusable().orElse("the hub's store " + db.path() + " cannot keep the export: "
                    + e.getMessage());
            failures.warn(reason + "; the sender is told to retry");
            return new KeepOutcome.RetryLater(reason, Optional.empty());
        }
        failures.recovered("the hub's store writes again");
        return new KeepOutcome.Kept();
    }
}
