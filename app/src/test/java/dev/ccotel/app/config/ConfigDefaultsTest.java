package dev.ccotel.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ccotel.adapter.grpc.GrpcReceiverConfig;
import dev.ccotel.adapter.httpout.client.HttpOutConfig;
import dev.ccotel.adapter.httpin.HttpReceiverConfig;
import dev.ccotel.adapter.sqlite.StoreConfig;
import dev.ccotel.domain.SessionLedger;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ConfigKeys takes its defaults from the adapters' and the domain's typed configs and writes them as text (what
 * {@code ccotel config} prints). With nothing configured, that text must read back to the very same values.
 */
class ConfigDefaultsTest {
    @TempDir
    Path home;

    @Test
    void textDefaults_readBackToTheTypedDefaultsTheyCameFrom() {
        Map<String, String> environment = Map.of("HOME", home.toString(), "CCOTEL_BACKEND_TOKEN", "t");

        DaemonConfig config = DaemonConfig.from(Settings.load(Optional.empty(), environment, Map.of()), environment,
                "test", "host", false);

        GrpcReceiverConfig receiver = GrpcReceiverConfig.defaults();
        assertEquals(receiver, config.receiver());
        assertEquals(Optional.of(HttpReceiverConfig.defaults()), config.httpReceiver());
        Delivery.Stored stored = (Delivery.Stored) config.delivery();
        HttpOutConfig backend = stored.backend().orElseThrow();
        assertEquals(HttpOutConfig.DEFAULT_TIMEOUT, backend.timeout());
        assertEquals(HttpOutConfig.DEFAULT_RETRY_BUDGET, backend.retryBudget());
        assertEquals(StoreConfig.at(home.resolve(".local/share/ccotel/ccotel.db"), true), stored.store());
        assertEquals(SessionLedger.DEFAULT_MAX_SESSIONS, config.maxSessions());
        assertEquals(SessionLedger.DEFAULT_IDLE_TIMEOUT, config.sessionIdleTimeout());
    }

    @Test
    void theHttpListenerCanBeSwitchedOff_andItsPortMustDifferFromTheGrpcOne() {
        Map<String, String> environment = Map.of("HOME", home.toString());

        DaemonConfig off = DaemonConfig.from(Settings.load(Optional.empty(), environment,
                Map.of(ConfigKeys.RECEIVER_HTTP_ENABLED, "false")), environment, "test", "host", true);
        ConfigError clash = org.junit.jupiter.api.Assertions.assertThrows(ConfigError.class, () -> DaemonConfig.from(
                Settings.load(Optional.empty(), environment, Map.of(ConfigKeys.RECEIVER_HTTP_PORT, "4317")),
                environment, "test", "host", true));
        ConfigError badPort = org.junit.jupiter.api.Assertions.assertThrows(ConfigError.class, () -> DaemonConfig.from(
                Settings.load(Optional.empty(), environment, Map.of(ConfigKeys.RECEIVER_HTTP_PORT, "http")),
                environment, "test", "host", true));
        ConfigError badHost = org.junit.jupiter.api.Assertions.assertThrows(ConfigError.class, () -> DaemonConfig.from(
                Settings.load(Optional.empty(), environment, Map.of(ConfigKeys.RECEIVER_HTTP_HOST, " ")),
                environment, "test", "host", true));

        assertEquals(Optional.empty(), off.httpReceiver());
        org.junit.jupiter.api.Assertions.assertTrue(clash.getMessage().startsWith("receiver.http.port 4317 is also receiver.port"),
                clash.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(badPort.getMessage().startsWith("receiver.http.port"), badPort.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(badHost.getMessage().startsWith("receiver.http.host"), badHost.getMessage());
    }

    /** {@code cc install} puts these in the user's shell, which is where the daemon is usually started from. */
    @Test
    void theOtelVariablesOfTheUsersShellDoNotConfigureTheDaemon() {
        Map<String, String> plain = Map.of("HOME", home.toString(), "CCOTEL_BACKEND_TOKEN", "t");
        Map<String, String> withOtel = new java.util.HashMap<>(plain);
        withOtel.putAll(Map.of("CLAUDE_CODE_ENABLE_TELEMETRY", "1", "OTEL_METRICS_EXPORTER", "otlp",
                "OTEL_LOGS_EXPORTER", "otlp", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318", "OTEL_SERVICE_NAME", "not-ccotel",
                "OTEL_TRACES_EXPORTER", "otlp"));

        assertEquals(DaemonConfig.from(Settings.load(Optional.empty(), plain, Map.of()), plain, "test", "host", false),
                DaemonConfig.from(Settings.load(Optional.empty(), withOtel, Map.of()), withOtel, "test", "host", false));
    }
}
