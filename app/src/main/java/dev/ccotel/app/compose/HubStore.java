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

/**
 * The out-ports a running hub is wired with, from whichever store {@code hub.database.*} chose:
 * {@link HubComposition} draws the same wires over either. Only this file and the composition name
 * the stores' types.
 */
sealed interface HubStore extends AutoCloseable {
    ManageMembersPort members();

    KeepMemberTelemetryPort keeper();

    LoadSessionStatePort sessionStates();

    LockSessionsPort sessionLocks();

    /** Where the spans of raw OTLP traces are kept, for the team dashboard's timelines. */
    KeepSpansPort spans();

    ReadUsagePort usage(HubComposition.Rows rows);

    /** Says who serves the store, where a second hub would want to know (the SQLite file's lock). */
    void servedBy(String listeners);

    @Override
    void close();

    /** Opens (creating or migrating) the store for a running hub. */
    static HubStore open(HubDatabase database, Clock clock) {
        return switch (database) {
            case HubDatabase.PostgreSql pg -> new OnPostgres(PostgresStore.open(pg.config(), clock));
            case HubDatabase.SqliteFile file -> new OnSqlite(SqliteHubStore.open(file.path(),
                    ConfigKeys.HUB_DATABASE_PATH, SqliteHubStore.DEFAULT_LOCK_WAIT, clock));
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

    /** Several hubs may share it: sessions are held by the database's advisory locks. */
    record OnPostgres(PostgresStore store) implements HubStore {
        @Override
        public ManageMembersPort members() {
            return store.members();
        }

        @Override
        public KeepMemberTelemetryPort keeper() {
            return store.keeper();
        }

        @Override
        public LoadSessionStatePort sessionStates() {
            return store.sessionStates();
        }

        @Override
        public LockSessionsPort sessionLocks() {
            return store.sessionLocks();
        }

        @Override
        public KeepSpansPort spans() {
            return store.spans();
        }

        @Override
        public ReadUsagePort usage(HubComposition.Rows rows) {
            return store.usage(onPostgres(rows));
        }

        @Override
        public void servedBy(String listeners) {
            // a database several hubs share has no one holder to name
        }

        @Override
        public void close() {
            store.close();
        }
    }

    /** One hub process holds the file; sessions are held in that process. */
    record OnSqlite(SqliteHubStore store) implements HubStore {
        @Override
        public ManageMembersPort members() {
            return store.members();
        }

        @Override
        public KeepMemberTelemetryPort keeper() {
            return store.keeper();
        }

        @Override
        public LoadSessionStatePort sessionStates() {
            return store.sessionStates();
        }

        @Override
        public LockSessionsPort sessionLocks() {
            return store.sessionLocks();
        }

        @Override
        public KeepSpansPort spans() {
            return store.spans();
        }

        @Override
        public ReadUsagePort usage(HubComposition.Rows rows) {
            return store.usage(onSqlite(rows));
        }

        @Override
        public void servedBy(String listeners) {
            store.holderIs(listeners);
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
