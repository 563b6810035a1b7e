package dev.ccotel.ports.in;

import java.util.Objects;
import java.util.Optional;

/**
 * @param receiverPort the configured OTLP/gRPC receiver port
 * @param httpReceiverPort the configured OTLP/HTTP receiver port; empty when that listener is off
 */
public record ClaudeSettingsStatusCommand(int receiverPort, Optional<Integer> httpReceiverPort) {
    public ClaudeSettingsStatusCommand {
        Objects.requireNonNull(httpReceiverPort, "httpReceiverPort");
    }
}
