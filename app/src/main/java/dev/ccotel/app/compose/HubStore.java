package dev.ccotel.app.compose;

import dev.ccotel.adapter.postgres.PostgresStore;
import dev.ccotel.adapter.sqlite.SqliteHubStore;
import dev.ccotel.app.config.ConfigKeys;
import dev.ccotel.app.config.HubDatabase;
import dev.ccotel.ports.out.KeepMemberTelemetryPort;
import dev.ccotel.ports.out.KeepSpansPort;
import dev.ccotel.ports.out.LoadSessionStatePort;
import dev.ccotel.ports.out.LockSessionsPort;
import dev.ccotel.ports.out.ManageMembersPort;
import dev.ccotel.ports.out.ReadUsagePort;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The out-ports a running hub is wired with, from whichever store {@code hub.database.*} chose:
 * {@link HubComposition} draws the same wires over either. Only this file and the composition name
 * the stores' types.
 *
 * @param spans where the spans of raw OTLP traces are kept, for the team dashboard's timelines
 * @param usageBy the history, with a report's rows standing for projects, members or machines
 * @param holder says who serves the store, where a second hub would want to know (the SQLite file's
 *     lock); a database several hubs share has no one holder to name
 * @param closer closes the store
 */
record HubStore(ManageMembersPort members, KeepMemberTelemetryPort keeper, LoadSessionStatePort sessionStates,
        LockSessionsPort sessionLocks, KeepSpansPort spans, Function<HubComposition.Rows, ReadUsagePort> usageBy,
        Consumer<String> holder, Runnable closer) implements AutoCloseable {

    /**
     * Opens (creating or migrating) the store for a running hub. PostgreSQL: several hubs may share it,
     * sessions are held by the database's advisory locks. SQLite: one hub process holds the file, sessions
     * are held in that process.
     */
    static HubStore open(HubDatabase database, Clock clock) {
        return switch (database) {
            case HubDatabase.PostgreSql pg -> {
                PostgresStore store = PostgresStore.open(pg.config(), clock);
                yield new HubStore(store.members(), store.keeper(), store.sessionStates(), store.sessionLocks(),
                        store.spans(), rows -> store.usage(onPostgres(rows)), listeners -> { }, store::close);
            }
            case HubDatabase.SqliteFile file -> {
                SqliteHubStore store = SqliteHubStore.open(file.path(), ConfigKeys.HUB_DATABASE_PATH,
                        SqliteHubStore.DEFAULT_LOCK_WAIT, clock);
                yield new HubStore(store.members(), store.keeper(), store.sessionStates(), store.sessionLocks(),
                        store.spans(), rows -> store.usage(onSqlite(rows)), store::holderIs, store::close);
            }
        };
    }

    static PostgresStore.Attribution onPostgres(HubComposition.Rows rows) {
        return switch (rows) {
            case PROJECT -> PostgresStore.Attribution.PROJECT;
            case MEMBER -> PostgresStore.Attribution.MEMBER;
            case MACHINE -> PostgresStore.Attribution.MACHINE;
        };
    }

    static SqliteHubStore.Attribution onSqlite(HubComposition.Rows rows) {
        return switch (rows) {
            case PROJECT -> SqliteHubStore.Attribution.PROJECT;
            case MEMBER -> SqliteHubStore.Attribution.MEMBER;
            case MACHINE -> SqliteHubStore.Attribution.MACHINE;
        };
    }

    ReadUsagePort usage(HubComposition.Rows rows) {
        return usageBy.apply(rows);
    }

    void servedBy(String listeners) {
        holder.accept(listeners);
    }

    @Override
    public void close() {
        closer.run();
    }
}
