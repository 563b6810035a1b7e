package dev.ccotel.adapter.sqlite;

import dev.ccotel.domain.SessionState;
import dev.ccotel.ports.out.KeepTelemetryPort;
import dev.ccotel.ports.out.KeptExport;
import dev.ccotel.ports.out.KeepOutcome;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * Keeps an export in one transaction: its events and data points (once each, by id), each
 * session's latest row and state, and, when a backend is configured, one outbox entry per request.
 * Any failure rolls all of it back and tells the exporter to retry, with the store's own words.
 * Exports kept at the same moment share the transaction's commit (see {@link Database}).
 */
final class SqliteKeeper implements KeepTelemetryPort {
    private static final System.Logger LOG = System.getLogger(SqliteKeeper.class.getName());

    private final Database db;
    private final StoreConfig config;
    private final SqliteOutbox outbox;
    private final Clock clock;
    private final RateLimitedLog failures;
    private final KeptRows rows;

    SqliteKeeper(Database db, StoreConfig config, SqliteOutbox outbox, Clock clock) {
        this.db = db;
        this.rows = new KeptRows(db);
        this.config = config;
        this.outbox = outbox;
        this.clock = clock;
        this.failures = new RateLimitedLog(LOG, clock);
    }

    @Override
    public KeepOutcome keep(KeptExport export) {
        Optional<KeepOutcome> unusable = refusedAsUnusable();
        if (unusable.isPresent()) {
            return unusable.get();
        }
        long bytes = export.requests().stream().mapToLong(r -> r.encoded().body().length).sum();
        if (config.forward() && !outbox.hasRoomFor(bytes)) {
            String reason = "the outbox is full (" + outbox.depth().bytes() + " bytes wait for the backend, limit "
                    + config.outboxMaxBytes() + ", see delivery.outbox.max-bytes)";
            failures.warn(reason + ": exports are refused until the backend takes some");
            return new KeepOutcome.RetryLater(reason, Optional.empty());
        }
        long now = clock.millis();
        try {
            db.inGroupTransaction(c -> {
                for (KeptExport.Request r : export.requests()) {
                    if (config.keepsHistory()) {
                        rows.events(c, r.request());
                        rows.metrics(c, r.request());
                    }
                    rows.session(c, r.request(), now);
                }
                for (SessionState state : export.states()) {
                    rows.state(c, state, now);
                }
                if (config.forward()) {
                    outbox.append(c, export.requests(), now);
                }
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            Optional<KeepOutcome> foundOut = refusedAsUnusable(); // the commit itself may have found out
            if (foundOut.isPresent()) {
                return foundOut.get();
            }
            String reason = "the local store " + db.path() + " cannot write: " + e.getMessage();
            failures.warn(reason + "; the exporter is told to retry");
            return new KeepOutcome.RetryLater(reason, Optional.empty());
        }
        if (config.forward()) {
            outbox.added(export.requests().size(), bytes);
        }
        failures.recovered("the local store writes again");
        return new KeepOutcome.Kept();
    }

    /** A store deleted, replaced or damaged takes nothing until a person acts: said louder than a passing failure. */
    private Optional<KeepOutcome> refusedAsUnusable() {
        return db.unusable().map(reason -> {
            failures.error(reason);
            return new KeepOutcome.RetryLater(reason, Optional.empty());
        });
    }

}
