package dev.ccotel.adapter.shellenv.claudesettings;

import dev.ccotel.ports.model.ClaudeSettingsChange.Edit;
import dev.ccotel.ports.model.ClaudeSettingsChange.StatusLine;
import java.util.Optional;

/** What to do with settings.json and ccotel's record of it, decided from the current text before writing. */
public sealed interface SettingsPlan {

    record Keep(String reason, StatusLine statusLine) implements SettingsPlan {}

    /** Not JSON ccotel edits (comments, a trailing comma, an {@code env} that is not an object...). */
    record Refuse(String reason) implements SettingsPlan {}

    /** Write {@code text}; keep {@code record} (none: ccotel has nothing left in the file). */
    record Write(String text, Edit edit, StatusLine statusLine, Optional<SettingsRecord> record)
            implements SettingsPlan {}

    /** The file was ccotel's and holds nothing else: remove it and the record. */
    record Delete(StatusLine statusLine) implements SettingsPlan {}
}
