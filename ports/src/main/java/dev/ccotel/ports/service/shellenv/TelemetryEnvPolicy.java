package dev.ccotel.ports.service.shellenv;

import dev.ccotel.ports.in.OtlpProtocol;
import dev.ccotel.ports.in.TelemetryEnvOptions;
import dev.ccotel.ports.model.TelemetryEnv;
import dev.ccotel.ports.model.TelemetryEnv.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decides which environment variables point Claude Code's telemetry at the local ccotel receiver. */
public final class TelemetryEnvPolicy {

    public static final String ENABLE_TELEMETRY = "CLAUDE_CODE_ENABLE_TELEMETRY";
    public static final String METRICS_EXPORTER = "OTEL_METRICS_EXPORTER";
    public static final String LOGS_EXPORTER = "OTEL_LOGS_EXPORTER";
    public static final String PROTOCOL = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public static final String METRIC_EXPORT_INTERVAL = "OTEL_METRIC_EXPORT_INTERVAL";
    public static final String LOGS_EXPORT_INTERVAL = "OTEL_LOGS_EXPORT_INTERVAL";
    public static final String LOG_USER_PROMPTS = "OTEL_LOG_USER_PROMPTS";

    private TelemetryEnvPolicy() {}

    public static TelemetryEnv decide(TelemetryEnvOptions options) {
        List<Variable> variables = new ArrayList<>(required(options.receiverPort(), options.protocol()));
        options.metricExportInterval().ifPresent(d ->
                variables.add(new Variable(METRIC_EXPORT_INTERVAL, Long.toString(d.toMillis()))));
        options.logsExportInterval().ifPresent(d ->
                variables.add(new Variable(LOGS_EXPORT_INTERVAL, Long.toString(d.toMillis()))));
        if (options.logUserPrompts()) {
            variables.add(new Variable(LOG_USER_PROMPTS, "1"));
        }
        return new TelemetryEnv(variables);
    }

    /**
     * Whether an installed block still sends to this receiver. Only the required variables count: the optional
     * ones are the user's choice at install time and cannot be told from the configuration.
     */
    public static boolean isCurrent(TelemetryEnv installed, int receiverPort) {
        return isCurrent(installed, receiverPort, Optional.empty());
    }

    /**
     * Whether an installed block sends to the receiver of the protocol it names: a grpc block to
     * {@code grpcPort}, an http/protobuf or http/json block to {@code httpPort} (none: that listener is off).
     */
    public static boolean isCurrent(TelemetryEnv installed, int grpcPort, Optional<Integer> httpPort) {
        Optional<OtlpProtocol> protocol = installed.value(PROTOCOL).flatMap(OtlpProtocol::fromId);
        Optional<Integer> port = protocol.flatMap(p -> p.isHttp() ? httpPort : Optional.of(grpcPort));
        if (port.isEmpty()) {
            return false;
        }
        return required(port.get(), protocol.get()).stream()
                .allMatch(v -> installed.value(v.name()).filter(v.value()::equals).isPresent());
    }

    private static List<Variable> required(int receiverPort, OtlpProtocol protocol) {
        // Loopback because the daemon listens there by default; the base endpoint, to which an OTLP/HTTP
        // exporter appends /v1/logs and /v1/metrics itself.
        return List.of(
                new Variable(ENABLE_TELEMETRY, "1"),
                new Variable(METRICS_EXPORTER, "otlp"),
                new Variable(LOGS_EXPORTER, "otlp"),
                new Variable(PROTOCOL, protocol.id()),
                new Variable(ENDPOINT, "http://127.0.0.1:" + receiverPort));
    }
}
