package dev.ccotel.ports.fakes;

import dev.ccotel.ports.model.ClaudeSettingsChange;
import dev.ccotel.ports.model.ClaudeSettingsEntries;
import dev.ccotel.ports.model.ClaudeSettingsStatus;
import dev.ccotel.ports.model.TelemetryEnv;
import dev.ccotel.ports.out.ClaudeSettingsPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An in-memory settings.json: it holds the last entries written (or none) and records every call. */
public final class RecordingClaudeSettingsPort implements ClaudeSettingsPort {

    public static final String FILE = "~/.claude/settings.json";

    private Optional<ClaudeSettingsEntries> written = Optional.empty();
    private final List<String> calls = new ArrayList<>();

    public Optional<ClaudeSettingsEntries> written() {
        return written;
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public ClaudeSettingsStatus inspect() {
        calls.add("inspect");
        TelemetryEnv env = written.map(ClaudeSettingsEntries::env).orElse(new TelemetryEnv(List.of()));
        return new ClaudeSettingsStatus(FILE, written.isPresent() ? ClaudeSettingsStatus.State.READ
                : ClaudeSettingsStatus.State.NO_FILE, env, env.variables().isEmpty()
                ? ClaudeSettingsStatus.EnvState.MISSING : ClaudeSettingsStatus.EnvState.FOUND,
                ClaudeSettingsStatus.StatusLine.NONE, false, Optional.empty(), true, "");
    }

    @Override
    public ClaudeSettingsChange write(ClaudeSettingsEntries entries, boolean dryRun) {
        calls.add("write" + (dryRun ? " (dry run)" : ""));
        if (!dryRun) {
            written = Optional.of(entries);
        }
        return new ClaudeSettingsChange.Changed(FILE, ClaudeSettingsChange.Edit.EDITED,
                ClaudeSettingsChange.StatusLine.ADDED, "");
    }

    @Override
    public ClaudeSettingsChange remove(boolean dryRun) {
        calls.add("remove" + (dryRun ? " (dry run)" : ""));
        if (!dryRun) {
            written = Optional.empty();
        }
        return new ClaudeSettingsChange.Changed(FILE, ClaudeSettingsChange.Edit.EDITED,
                ClaudeSettingsChange.StatusLine.REMOVED, "");
    }
}
