package dev.ccotel.ports.in;

import dev.ccotel.ports.out.ShellKind;
import java.util.Set;

/**
 * @param shells the shells to look at; empty means the shells found on the machine or already configured
 * @param receiverPort the configured receiver port, to tell a current block from an outdated one
 */
public record ShellEnvStatusCommand(Set<ShellKind> shells, int receiverPort) {
    public ShellEnvStatusCommand {
        shells = Set.copyOf(shells);
        if (receiverPort < 1 || receiverPort > 65_535) {
            throw new IllegalArgumentException("receiver port must be 1-65535: " + receiverPort);
        }
    }
}
