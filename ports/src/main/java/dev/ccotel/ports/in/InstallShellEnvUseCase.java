package dev.ccotel.ports.in;

/** Writes (or refreshes) the block that switches Claude Code's telemetry to ccotel into the shells' rc files. */
public interface InstallShellEnvUseCase {
    ShellEnvResult install(InstallShellEnvCommand command);
}
