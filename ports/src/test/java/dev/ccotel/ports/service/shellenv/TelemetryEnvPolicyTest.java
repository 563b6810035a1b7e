package dev.ccotel.ports.service.shellenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.ports.in.TelemetryEnvOptions;
import dev.ccotel.ports.model.TelemetryEnv;
import dev.ccotel.ports.model.TelemetryEnv.Variable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TelemetryEnvPolicyTest {

    @Test
    void defaults_pointClaudeCodeAtTheLoopbackReceiverOverGrpc() {
        TelemetryEnv env = TelemetryEnvPolicy.decide(TelemetryEnvOptions.defaults(4317));

        assertEquals(List.of(
                new Variable("CLAUDE_CODE_ENABLE_TELEMETRY", "1"),
                new Variable("OTEL_METRICS_EXPORTER", "otlp"),
                new Variable("OTEL_LOGS_EXPORTER", "otlp"),
                new Variable("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
                new Variable("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317")), env.variables());
    }

    @Test
    void defaults_doNotLogPromptText() {
        TelemetryEnv env = TelemetryEnvPolicy.decide(TelemetryEnvOptions.defaults(4317));

        assertEquals(Optional.empty(), env.value("OTEL_LOG_USER_PROMPTS"));
    }

    @Test
    void options_addIntervalsInMillisecondsAndPromptLogging() {
        TelemetryEnv env = TelemetryEnvPolicy.decide(new TelemetryEnvOptions(
                9999, Optional.of(Duration.ofSeconds(10)), Optional.of(Duration.ofMillis(2500)), true));

        assertEquals(Optional.of("http://127.0.0.1:9999"), env.value("OTEL_EXPORTER_OTLP_ENDPOINT"));
        assertEquals(Optional.of("10000"), env.value("OTEL_METRIC_EXPORT_INTERVAL"));
        assertEquals(Optional.of("2500"), env.value("OTEL_LOGS_EXPORT_INTERVAL"));
        assertEquals(Optional.of("1"), env.value("OTEL_LOG_USER_PROMPTS"));
    }

    @Test
    void installedBlock_isCurrentWhenItsRequiredVariablesMatchThePort() {
        TelemetryEnv withExtras = TelemetryEnvPolicy.decide(
                new TelemetryEnvOptions(4317, Optional.of(Duration.ofSeconds(5)), Optional.empty(), true));

        assertTrue(TelemetryEnvPolicy.isCurrent(withExtras, 4317));
        assertFalse(TelemetryEnvPolicy.isCurrent(withExtras, 4318));
        assertFalse(TelemetryEnvPolicy.isCurrent(new TelemetryEnv(List.of()), 4317));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(dev.ccotel.ports.in.OtlpProtocol.class)
    void eachProtocolWritesItsNameAndItsReceiversEndpoint(dev.ccotel.ports.in.OtlpProtocol protocol) {
        int port = protocol.isHttp() ? 4318 : 4317;
        TelemetryEnv env = TelemetryEnvPolicy.decide(
                new TelemetryEnvOptions(port, Optional.empty(), Optional.empty(), false, protocol));

        assertEquals(Optional.of(protocol.id()), env.value("OTEL_EXPORTER_OTLP_PROTOCOL"));
        assertEquals(Optional.of("http://127.0.0.1:" + port), env.value("OTEL_EXPORTER_OTLP_ENDPOINT"));
        assertTrue(TelemetryEnvPolicy.isCurrent(env, 4317, Optional.of(4318)), "a block of the configured protocol");
        assertEquals(!protocol.isHttp(), TelemetryEnvPolicy.isCurrent(env, 4317, Optional.empty()),
                "an http block is outdated while the HTTP listener is off");
    }

    @Test
    void anHttpBlockPointedAtTheGrpcPort_isNotCurrent() {
        TelemetryEnv wrong = TelemetryEnvPolicy.decide(new TelemetryEnvOptions(4317, Optional.empty(), Optional.empty(),
                false, dev.ccotel.ports.in.OtlpProtocol.HTTP_PROTOBUF));

        assertFalse(TelemetryEnvPolicy.isCurrent(wrong, 4317, Optional.of(4318)));
        assertFalse(TelemetryEnvPolicy.isCurrent(new TelemetryEnv(List.of(
                new Variable("OTEL_EXPORTER_OTLP_PROTOCOL", "thrift"))), 4317, Optional.of(4318)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65_536})
    void portOutOfRange_isRefused(int port) {
        assertThrows(IllegalArgumentException.class, () -> TelemetryEnvOptions.defaults(port));
    }

    @Test
    void zeroInterval_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TelemetryEnvOptions(
                4317, Optional.of(Duration.ZERO), Optional.empty(), false));
    }
}
