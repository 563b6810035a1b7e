package dev.ccotel.ports.in;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The user's choices for the telemetry environment; which variables follow from them is the core's decision.
 *
 * @param receiverPort the port of the ccotel receiver that speaks {@code protocol} (loopback)
 * @param metricExportInterval how often Claude Code exports metrics, when not its own default
 * @param logsExportInterval how often Claude Code exports log events, when not its own default
 * @param logUserPrompts let Claude Code include prompt text in its events (off by default: privacy)
 * @param protocol what Claude Code's exporter speaks; gRPC by default
 */
public record TelemetryEnvOptions(
        int receiverPort,
        Optional<Duration> metricExportInterval,
        Optional<Duration> logsExportInterval,
        boolean logUserPrompts,
        OtlpProtocol protocol) {

    public TelemetryEnvOptions {
        if (receiverPort < 1 || receiverPort > 65_535) {
            throw new IllegalArgumentException("receiver port must be 1-65535: " + receiverPort);
        }
        requirePositiveMillis(metricExportInterval, "metric export interval");
        requirePositiveMillis(logsExportInterval, "logs export interval");
        Objects.requireNonNull(protocol, "protocol");
    }

    /** Over gRPC, the protocol of the first release. */
    public TelemetryEnvOptions(int receiverPort, Optional<Duration> metricExportInterval,
            Optional<Duration> logsExportInterval, boolean logUserPrompts) {
        this(receiverPort, metricExportInterval, logsExportInterval, logUserPrompts, OtlpProtocol.GRPC);
    }

    /** Claude Code's own intervals and no prompt text. */
    public static TelemetryEnvOptions defaults(int receiverPort) {
        return new TelemetryEnvOptions(receiverPort, Optional.empty(), Optional.empty(), false);
    }

    private static void requirePositiveMillis(Optional<Duration> interval, String what) {
        Objects.requireNonNull(interval, what);
        interval.ifPresent(d -> {
            if (d.toMillis() < 1) {
                throw new IllegalArgumentException(what + " must be at least 1 ms: " + d);
            }
        });
    }
}
