package dev.ccotel.adapter.shellenv;

import dev.ccotel.adapter.shellenv.claudesettings.JsonTree;
import dev.ccotel.adapter.shellenv.claudesettings.SettingsRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * ccotel's record of what it did to one settings.json, in
 * {@code ${XDG_STATE_HOME:-~/.local/state}/ccotel/claude-settings/<hash>-settings.json} (mode 0600 in a 0700
 * folder: it may hold a value ccotel replaced in the user's {@code env}).
 */
final class SettingsRecords {

    private static final String PRIVATE = "rw-------";

    private final ShellLocations locations;
    private final RcFileStore store;

    SettingsRecords(ShellLocations locations, RcFileStore store) {
        this.locations = locations;
        this.store = store;
    }

    /** The record, or empty when there is none; an unreadable one counts as none (uninstall then recognises). */
    Optional<SettingsRecord> read(Path settings) throws IOException {
        Optional<byte[]> bytes = store.read(fileOf(settings));
        try {
            return bytes.isEmpty() ? Optional.empty()
                    : Optional.of(SettingsRecord.fromJson(new String(bytes.get(), StandardCharsets.UTF_8)));
        } catch (JsonTree.InvalidJson damaged) {
            return Optional.empty();
        }
    }

    void write(Path settings, SettingsRecord record) throws IOException {
        Path file = fileOf(settings);
        FileLocks.createPrivateFolder(file.getParent());
        store.replace(file, record.toJson().getBytes(StandardCharsets.UTF_8), PRIVATE);
    }

    void delete(Path settings) throws IOException {
        Files.deleteIfExists(fileOf(settings));
    }

    private Path fileOf(Path settings) throws IOException {
        return locations.settingsRecordFolder().resolve(FileLocks.nameOf(settings));
    }
}
