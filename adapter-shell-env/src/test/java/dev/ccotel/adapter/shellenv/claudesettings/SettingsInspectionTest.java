package dev.ccotel.adapter.shellenv.claudesettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.ports.model.ClaudeSettingsStatus.StatusLine;
import dev.ccotel.ports.model.StatusLineChoice;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsInspectionTest {

    @Test
    void installedFile_showsEnvStatusLineAndHook() throws Exception {
        String installed = SettingsEditorTest.write(SettingsEditor.install(Optional.of("{}"), Optional.empty(),
                SettingsEditorTest.entries(StatusLineChoice.KEEP)));

        SettingsInspection found = SettingsInspection.of(installed);

        assertEquals(Optional.of("http://127.0.0.1:4317"), found.env().value("OTEL_EXPORTER_OTLP_ENDPOINT"));
        assertEquals(StatusLine.CCOTEL, found.statusLine());
        assertTrue(found.hook());
        assertEquals(Optional.of(SettingsEditorTest.COMMANDS.launcher()), found.launcher());
    }

    @Test
    void othersFile_showsOthersStatusLine_andNoHook() throws Exception {
        SettingsInspection found = SettingsInspection.of(SettingsEditorTest.FILES[10]);

        assertEquals(StatusLine.NONE, found.statusLine());
        assertFalse(found.hook());
        assertEquals(StatusLine.OTHER, SettingsInspection.of(SettingsEditorTest.FILES[11]).statusLine());
    }

    static String statusLineCommand(String text) {
        try {
            JsonTree.Obj root = JsonTree.parseObject(text);
            return SettingsText.command(root.member("statusLine").orElseThrow().value()).orElseThrow().text();
        } catch (JsonTree.InvalidJson e) {
            throw new AssertionError(e);
        }
    }
}
