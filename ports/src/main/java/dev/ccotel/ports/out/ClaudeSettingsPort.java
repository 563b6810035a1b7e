package dev.ccotel.ports.out;

import dev.ccotel.ports.model.ClaudeSettingsChange;
import dev.ccotel.ports.model.ClaudeSettingsEntries;
import dev.ccotel.ports.model.ClaudeSettingsStatus;

/**
 * Claude Code's settings.json ({@code $CLAUDE_CONFIG_DIR/settings.json}, else {@code ~/.claude/settings.json}).
 * Implementations keep every key and byte that is not ccotel's, remember what they added or replaced so that
 * removing it gives the file back as it was, and report failures as {@link ClaudeSettingsChange.Failed}.
 */
public interface ClaudeSettingsPort {

    ClaudeSettingsStatus inspect();

    /** Adds or refreshes ccotel's entries; with {@code dryRun} only reports what would change. */
    ClaudeSettingsChange write(ClaudeSettingsEntries entries, boolean dryRun);

    /** Removes what ccotel added and puts back what it replaced; with {@code dryRun} only reports it. */
    ClaudeSettingsChange remove(boolean dryRun);
}
