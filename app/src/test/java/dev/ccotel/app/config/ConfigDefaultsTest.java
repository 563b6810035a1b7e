package dev.ccotel.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ccotel.adapter.grpc.GrpcReceiverConfig;
import dev.ccotel.adapter.http.client.HttpOutConfig;
import dev.ccotel.adapter.sqlite.StoreConfig;
import dev.ccotel.domain.SessionLedger;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ConfigKeys writes its defaults as text (what {@code ccotel config} prints); the adapters and the domain keep
 * theirs as constants. With nothing configured, the daemon must end up with the same values as both.
 */
class ConfigDefaultsTest {
    @TempDir
    Path home;

    @Test
    void textDefaults_equalTheAdaptersAndTheDomainsOwnDefaults() {
        Map<String, String> environment = Map.of("HOME", home.toString(), "CCOTEL_BACKEND_TOKEN", "t");

        DaemonConfig config = DaemonConfig.from(Settings.load(Optional.empty(), environment, Map.of()), environment,
                "test", "host", false);

        GrpcReceiverConfig receiver = GrpcReceiverConfig.defaults();
        assertEquals(receiver, config.receiver());
        Delivery.Stored stored = (Delivery.Stored) config.delivery();
        HttpOutConfig backend = stored.backend().orElseThrow();
        assertEquals(HttpOutConfig.DEFAULT_TIMEOUT, backend.timeout());
        assertEquals(HttpOutConfig.DEFAULT_RETRY_BUDGET, backend.retryBudget());
        assertEquals(StoreConfig.at(home.resolve(".local/share/ccotel/ccotel.db"), true), stored.store());
        assertEquals(SessionLedger.DEFAULT_MAX_SESSIONS, config.maxSessions());
        assertEquals(SessionLedger.DEFAULT_IDLE_TIMEOUT, config.sessionIdleTimeout());
    }
}
