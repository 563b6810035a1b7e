package dev.ccotel.app.config;

import dev.ccotel.adapter.postgres.PostgresConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the hub keeps its members' records, chosen by {@code hub.database.*}: a PostgreSQL database
 * ({@code hub.database.url}), which several hub processes may share, or, when no URL is set, one
 * SQLite file ({@code hub.database.path}, by default beside the daemon's store) for a one-person hub.
 */
public sealed interface HubDatabase {
    /** What the hub says it uses: the file, or the PostgreSQL URL without a password. */
    String describe();

    record PostgreSql(PostgresConfig config) implements HubDatabase {
        public PostgreSql {
            Objects.requireNonNull(config, "config");
        }

        @Override
        public String describe() {
            String url = config.url()
                    .replaceAll("(?i)([?&;]password=)[^&;]*", "$1***")
                    .replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
            return "PostgreSQL " + url + (config.user().isEmpty() ? "" : " as " + config.user());
        }
    }

    record SqliteFile(Path path) implements HubDatabase {
        public SqliteFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String describe() {
            return "SQLite " + path + " (" + ConfigKeys.HUB_DATABASE_PATH + "; one hub process at a time)";
        }
    }
}
