package dev.ccotel.ports.in;

/** Removes the ccotel block from the shells' rc files, and nothing else. */
public interface UninstallShellEnvUseCase {
    ShellEnvResult uninstall(UninstallShellEnvCommand command);
}
