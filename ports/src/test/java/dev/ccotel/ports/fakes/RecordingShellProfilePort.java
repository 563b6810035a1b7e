package dev.ccotel.ports.fakes;

import dev.ccotel.ports.model.ShellChange;
import dev.ccotel.ports.model.ShellFileStatus;
import dev.ccotel.ports.model.ShellKind;
import dev.ccotel.ports.out.ShellProfilePort;
import dev.ccotel.ports.model.TelemetryEnv;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory shell-profile port: each shell has one file, {@code ~/.<shell>rc}, that holds a block or not.
 * It records every write and removal so tests can check what the core asked for.
 */
public final class RecordingShellProfilePort implements ShellProfilePort {

    public record Call(String operation, ShellKind shell, Optional<TelemetryEnv> env, boolean dryRun) {}

    private final Set<ShellKind> installed;
    private final Map<ShellKind, TelemetryEnv> blocks = new EnumMap<>(ShellKind.class);
    private final List<Call> calls = new ArrayList<>();

    public RecordingShellProfilePort(Set<ShellKind> installed) {
        this.installed = installed.isEmpty() ? EnumSet.noneOf(ShellKind.class) : EnumSet.copyOf(installed);
    }

    /** Pretends a block with these variables is already in the shell's file. */
    public RecordingShellProfilePort withBlock(ShellKind shell, TelemetryEnv env) {
        blocks.put(shell, env);
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public Optional<TelemetryEnv> block(ShellKind shell) {
        return Optional.ofNullable(blocks.get(shell));
    }

    public static String fileOf(ShellKind shell) {
        return "~/." + shell.id() + "rc";
    }

    @Override
    public Set<ShellKind> installedShells() {
        return installed.isEmpty() ? Set.of() : EnumSet.copyOf(installed);
    }

    @Override
    public List<ShellFileStatus> inspect(ShellKind shell) {
        TelemetryEnv env = blocks.get(shell);
        ShellFileStatus.State state = env == null ? ShellFileStatus.State.NO_BLOCK : ShellFileStatus.State.INSTALLED;
        return List.of(new ShellFileStatus(shell, fileOf(shell), state, Optional.ofNullable(env), ""));
    }

    @Override
    public List<ShellChange> writeBlock(ShellKind shell, TelemetryEnv env, boolean dryRun) {
        calls.add(new Call("write", shell, Optional.of(env), dryRun));
        TelemetryEnv before = blocks.get(shell);
        if (env.equals(before)) {
            return List.of(new ShellChange.Unchanged(shell, fileOf(shell), "block is up to date"));
        }
        if (!dryRun) {
            blocks.put(shell, env);
        }
        ShellChange.Edit edit = before == null ? ShellChange.Edit.ADDED_BLOCK : ShellChange.Edit.REPLACED_BLOCK;
        return List.of(new ShellChange.Changed(shell, fileOf(shell), edit, "+# >>> ccotel >>>\n"));
    }

    @Override
    public List<ShellChange> removeBlock(ShellKind shell, boolean dryRun) {
        calls.add(new Call("remove", shell, Optional.empty(), dryRun));
        if (!blocks.containsKey(shell)) {
            return List.of(new ShellChange.Unchanged(shell, fileOf(shell), "no ccotel block"));
        }
        if (!dryRun) {
            blocks.remove(shell);
        }
        return List.of(new ShellChange.Changed(shell, fileOf(shell), ShellChange.Edit.REMOVED_BLOCK, "-# >>> ccotel >>>\n"));
    }
}
