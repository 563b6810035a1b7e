package dev.ccotel.ports.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What Claude Code's settings.json holds of ccotel's.
 *
 * @param env the telemetry variables found in its {@code env} object (only the names ccotel writes)
 * @param envState {@code CURRENT}/{@code OUTDATED} are the core's verdict; the port reports {@code FOUND} or
 *     {@code MISSING}
 * @param launcher the launcher named by ccotel's statusLine or hook, when there is one
 * @param launcherExists whether that launcher is an executable file
 * @param detail why the file is unreadable or not valid JSON; empty otherwise
 */
public record ClaudeSettingsStatus(String file, State state, TelemetryEnv env, EnvState envState,
        StatusLine statusLine, boolean hook, Optional<String> launcher, boolean launcherExists, String detail) {

    public enum State { NO_FILE, READ, INVALID, UNREADABLE }

    public enum EnvState { FOUND, CURRENT, OUTDATED, MISSING }

    public enum StatusLine { NONE, CCOTEL, CHAINED, OTHER }

    public ClaudeSettingsStatus {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(envState, "envState");
        Objects.requireNonNull(statusLine, "statusLine");
        Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(detail, "detail");
    }

    public ClaudeSettingsStatus withEnvState(EnvState judged) {
        return new ClaudeSettingsStatus(file, state, env, judged, statusLine, hook, launcher, launcherExists, detail);
    }

    public boolean hasProblem() {
        return state == State.INVALID || state == State.UNREADABLE;
    }
}
