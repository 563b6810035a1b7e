package dev.ccotel.app.reliability;

import dev.ccotel.adapter.postgres.PostgresConfig;
import dev.ccotel.adapter.postgres.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stores a hub test runs on, so that one test pins the hub's behaviour on both: a fresh database
 * on the test run's PostgreSQL, or the embedded SQLite file a hub without {@code hub.database.url}
 * keeps (the default one under the test's HOME). Both stores have the same tables, so a test's SQL
 * reads either.
 *
 * <pre>{@code @ParameterizedClass @EnumSource(HubStores.Kind.class) class SomeHubTest { @Parameter HubStores.Kind kind; }}</pre>
 */
final class HubStores {
    /** Each hub test class registers it ({@code @RegisterExtension}); the server starts once per test run. */
    static final PostgresExtension PG = new PostgresExtension();

    enum Kind { POSTGRESQL, SQLITE }

    private HubStores() {}

    /** One hub's store for one test, with what a user would set to reach it and a way to look into it. */
    interface Store {
        /** The {@code hub.database.*} flags, as a user would give them; none for the embedded default. */
        Map<String, String> flags();

        double number(String sql) throws SQLException;

        default long count(String sql) throws SQLException {
            return Math.round(number(sql));
        }
    }

    static Store create(Kind kind, Path home) {
        return switch (kind) {
            case POSTGRESQL -> postgres(PG.newDatabase());
            case SQLITE -> sqlite(home.resolve(".local/share/ccotel/hub.db"));
        };
    }

    private static Store postgres(PostgresConfig db) {
        return new Store() {
            @Override
            public Map<String, String> flags() {
                Map<String, String> flags = new LinkedHashMap<>();
                flags.put("hub.database.url", db.url());
                flags.put("hub.database.user", db.user());
                return flags;
            }

            @Override
            public double number(String sql) throws SQLException {
                return query(DriverManager.getConnection(db.url(), db.user(), db.password()), sql);
            }
        };
    }

    /** The file a hub with neither hub.database.url nor hub.database.path keeps under {@code HOME}. */
    private static Store sqlite(Path file) {
        return new Store() {
            @Override
            public Map<String, String> flags() {
                return new LinkedHashMap<>();
            }

            @Override
            public double number(String sql) throws SQLException {
                return query(DriverManager.getConnection("jdbc:sqlite:" + file), sql);
            }
        };
    }

    private static double query(Connection connection, String sql) throws SQLException {
        try (Connection c = connection; Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }
}
