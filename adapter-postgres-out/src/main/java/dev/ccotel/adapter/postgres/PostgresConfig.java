package dev.ccotel.adapter.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the hub's store is, read once by the app from {@code hub.database.*}.
 *
 * @param url a JDBC URL, {@code jdbc:postgresql://host:5432/ccotel} ({@code hub.database.url})
 * @param user the role to connect as ({@code hub.database.user})
 * @param password its password, empty for trust or peer authentication ({@code hub.database.password})
 * @param poolSize connections for exports and reports ({@code hub.database.pool-size}); as many again at
 *     most hold session locks
 * @param lockWait how long an export waits for a session another hub is folding before it is told to retry
 */
public record PostgresConfig(String url, String user, String password, int poolSize, Duration lockWait) {
    public static final int DEFAULT_POOL_SIZE = 10;
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);

    public PostgresConfig {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("hub.database.url must be a PostgreSQL JDBC URL such as"
                    + " jdbc:postgresql://127.0.0.1:5432/ccotel, got '" + url + "'");
        }
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (poolSize < 1 || poolSize > 1000) {
            throw new IllegalArgumentException("hub.database.pool-size must be between 1 and 1000, got " + poolSize);
        }
        Objects.requireNonNull(lockWait, "lockWait");
        if (lockWait.isNegative() || lockWait.isZero()) {
            throw new IllegalArgumentException("the wait for a session's lock must be positive, got " + lockWait);
        }
    }

    public PostgresConfig(String url, String user, String password) {
        this(url, user, password, DEFAULT_POOL_SIZE, DEFAULT_LOCK_WAIT);
    }

    /** The password is never shown. */
    @Override
    public String toString() {
        return "PostgresConfig[url=" + url + ", user=" + user + ", poolSize=" + poolSize + ", lockWait=" + lockWait + "]";
    }
}
