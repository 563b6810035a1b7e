package dev.ccotel.ports.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The managed block as found in one start-up file.
 *
 * @param installed the variables the block sets, when there is a well-formed block
 * @param detail a human-readable explanation (why a file is broken or unreadable), may be empty
 * @param overrides lines after the block that set or unset one of its variables again, so the block's value
 *     does not reach Claude Code (e.g. {@code line 12: export OTEL_EXPORTER_OTLP_ENDPOINT=...}); may be empty
 */
public record ShellFileStatus(ShellKind shell, String file, State state, Optional<TelemetryEnv> installed,
        String detail, List<String> overrides) {

    /**
     * {@code OUTDATED} is the core's verdict on an {@code INSTALLED} block whose variables no longer match the
     * configuration; the shell-profile port itself never reports it.
     */
    public enum State { NO_FILE, NO_BLOCK, INSTALLED, OUTDATED, BROKEN, UNREADABLE }

    public ShellFileStatus {
        Objects.requireNonNull(shell, "shell");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(installed, "installed");
        Objects.requireNonNull(detail, "detail");
        overrides = List.copyOf(overrides);
    }

    public ShellFileStatus(ShellKind shell, String file, State state, Optional<TelemetryEnv> installed, String detail) {
        this(shell, file, state, installed, detail, List.of());
    }

    /** A ccotel marker is present, so the shell counts as configured. */
    public boolean hasBlock() {
        return state == State.INSTALLED || state == State.OUTDATED || state == State.BROKEN;
    }

    public ShellFileStatus withState(State newState) {
        return new ShellFileStatus(shell, file, newState, installed, detail, overrides);
    }
}
