package dev.ccotel.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ccotel.adapter.grpc.GrpcReceiverConfig;
import dev.ccotel.adapter.http.HttpOutConfig;
import dev.ccotel.adapter.http.SpoolConfig;
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
        HttpOutConfig backend = config.backend().orElseThrow();
        assertEquals(HttpOutConfig.DEFAULT_TIMEOUT, backend.timeout());
        assertEquals(HttpOutConfig.DEFAULT_RETRY_BUDGET, backend.retryBudget());
        assertEquals(SpoolConfig.DEFAULT_MAX_BYTES, backend.spool().maxBytes());
        assertEquals(SpoolConfig.DEFAULT_MAX_AGE, backend.spool().maxAge());
        assertEquals(SessionLedger.DEFAULT_MAX_SESSIONS, config.maxSessions());
        assertEquals(SessionLedger.DEFAULT_IDLE_TIMEOUT, config.sessionIdleTimeout());
    }
}
