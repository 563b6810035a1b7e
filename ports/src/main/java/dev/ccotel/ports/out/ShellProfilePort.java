package dev.ccotel.ports.out;

import dev.ccotel.ports.model.TelemetryEnv;

import dev.ccotel.ports.model.ShellFileStatus;

import dev.ccotel.ports.model.ShellChange;

import dev.ccotel.ports.model.ShellKind;

import java.util.List;
import java.util.Set;

/**
 * The shells' start-up files, seen as places that hold one managed block. Implementations render the block in
 * each shell's syntax, keep every byte outside it, and report every failure as a {@link ShellChange.Failed} or
 * an {@code UNREADABLE}/{@code BROKEN} status instead of throwing.
 */
public interface ShellProfilePort {

    /** Shells that appear to be installed on this machine (their program is on PATH, or it is the login shell). */
    Set<ShellKind> installedShells();

    /** Reads the shell's start-up files without writing anything. */
    List<ShellFileStatus> inspect(ShellKind shell);

    /** Adds the block, or replaces a block that differs; with {@code dryRun} only reports what would change. */
    List<ShellChange> writeBlock(ShellKind shell, TelemetryEnv env, boolean dryRun);

    /** Removes the block and exactly what was added with it; with {@code dryRun} only reports it. */
    List<ShellChange> removeBlock(ShellKind shell, boolean dryRun);
}
