package dev.ccotel.ports.in;

/** Tells per shell and file whether the ccotel block is there and current. Never writes. */
public interface ShellEnvStatusUseCase {
    ShellEnvStatus status(ShellEnvStatusCommand command);
}
