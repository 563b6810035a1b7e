package dev.ccotel.ports.in;

import dev.ccotel.ports.model.ShellKind;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * @param shells the shells to look at; empty means the shells found on the machine or already configured
 * @param receiverPort the configured OTLP/gRPC receiver port, to tell a current grpc block from an outdated one
 * @param httpReceiverPort the configured OTLP/HTTP receiver port, for http/protobuf and http/json blocks;
 *     empty when that listener is off, and then such a block is outdated
 */
public record ShellEnvStatusCommand(Set<ShellKind> shells, int receiverPort, Optional<Integer> httpReceiverPort) {
    public ShellEnvStatusCommand {
        shells = Set.copyOf(shells);
        requirePort(receiverPort);
        Objects.requireNonNull(httpReceiverPort, "httpReceiverPort").ifPresent(ShellEnvStatusCommand::requirePort);
    }

    /** Without an OTLP/HTTP listener: only grpc blocks can be current. */
    public ShellEnvStatusCommand(Set<ShellKind> shells, int receiverPort) {
        this(shells, receiverPort, Optional.empty());
    }

    private static void requirePort(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("receiver port must be 1-65535: " + port);
        }
    }
}
