package dev.ccotel.adapter.shellenv.claudesettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.ccotel.ports.model.StatusLineChoice;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * ccotel writes the statusLine and SessionStart hook in the shape Claude Code 2.1.332 accepted when the fixtures
 * were captured: the settings.json that {@code capture_statusline.sh} writes, taken from the script itself.
 */
class CapturedSettingsShapeTest {

    private static final String SCRIPT = "/fixtures/claude-code-2.1.332/standin/capture_statusline.sh";

    @Test
    void statusLineAndHook_haveTheCapturedShape_andChainAfterTheCapturedOnes() throws Exception {
        String captured = capturedSettings();
        JsonTree.Obj fixture = JsonTree.parseObject(captured);

        String installed = SettingsEditorTest.write(SettingsEditor.install(Optional.of(captured), Optional.empty(),
                SettingsEditorTest.entries(StatusLineChoice.CHAIN)));
        JsonTree.Obj ours = JsonTree.parseObject(installed);

        assertEquals(shape(fixture.member("statusLine").orElseThrow().value()),
                shape(ours.member("statusLine").orElseThrow().value()));
        JsonTree.Arr fixtureStart = sessionStart(fixture);
        JsonTree.Arr ourStart = sessionStart(ours);
        assertEquals(2, ourStart.items().size(), installed);
        assertEquals(shape(fixtureStart.items().getFirst()), shape(ourStart.items().getLast()));
        SettingsRecord record = SettingsEditorTest.record(SettingsEditor.install(Optional.of(captured),
                Optional.empty(), SettingsEditorTest.entries(StatusLineChoice.CHAIN)));
        assertEquals(captured, SettingsEditorTest.write(SettingsEditor.uninstall(Optional.of(installed),
                Optional.of(record))));
    }

    /** The heredoc between {@code <<JSON} and {@code JSON}, with the shell's {@code \$} unescaped. */
    private static String capturedSettings() throws Exception {
        try (InputStream in = CapturedSettingsShapeTest.class.getResourceAsStream(SCRIPT)) {
            assertNotNull(in, SCRIPT + " is on the test class path (the domain's test jar)");
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int start = script.indexOf("<<JSON\n") + "<<JSON\n".length();
            return script.substring(start, script.indexOf("\nJSON\n", start) + 1).replace("\\$", "$");
        }
    }

    private static JsonTree.Arr sessionStart(JsonTree.Obj root) {
        JsonTree.Obj hooks = (JsonTree.Obj) root.member("hooks").orElseThrow().value();
        return (JsonTree.Arr) hooks.member("SessionStart").orElseThrow().value();
    }

    /** Keys and kinds, without the values of strings: {@code {type:s,command:s}}. */
    private static String shape(JsonTree.Value value) {
        return switch (value) {
            case JsonTree.Obj obj -> obj.members().stream().map(m -> m.key() + ":" + shape(m.value()))
                    .collect(Collectors.joining(",", "{", "}"));
            case JsonTree.Arr arr -> arr.items().stream().map(CapturedSettingsShapeTest::shape)
                    .collect(Collectors.joining(",", "[", "]"));
            case JsonTree.Scalar scalar -> scalar.isString() ? "s" : scalar.text();
        };
    }
}
