package dev.ccotel.adapter.shellenv.claudesettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.ports.in.TelemetryEnvOptions;
import dev.ccotel.ports.model.CcotelCommands;
import dev.ccotel.ports.model.ClaudeSettingsChange.Edit;
import dev.ccotel.ports.model.ClaudeSettingsChange.StatusLine;
import dev.ccotel.ports.model.ClaudeSettingsEntries;
import dev.ccotel.ports.model.StatusLineChoice;
import dev.ccotel.ports.service.shellenv.TelemetryEnvPolicy;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The settings.json edit on hand-written files of the layouts people and tools write. */
class SettingsEditorTest {

    static final CcotelCommands COMMANDS = new CcotelCommands("/home/u/.local/share/ccotel/dist/0.1.0/bin/ccotel");

    static ClaudeSettingsEntries entries(StatusLineChoice choice) {
        return new ClaudeSettingsEntries(TelemetryEnvPolicy.decide(TelemetryEnvOptions.defaults(4317)),
                Optional.of(COMMANDS), choice);
    }

    /** One layout each: two and four spaces, tabs, one line, no final newline, CRLF, empty, with the user's keys. */
    static final String[] FILES = {
        "{\n  \"theme\": \"dark\"\n}\n",
        "{\n    \"model\": \"opus\",\n    \"permissions\": {\n        \"allow\": [\"Bash(ls:*)\"]\n    }\n}",
        "{\n\t\"env\": {\n\t\t\"FOO\": \"bar\"\n\t},\n\t\"includeCoAuthoredBy\": false\n}\n",
        "{\"theme\":\"dark\",\"env\":{\"OTEL_EXPORTER_OTLP_ENDPOINT\":\"http://collector:4317\"}}",
        "{ \"theme\" : \"light\" , \"verbose\" : true }\n",
        "{\r\n  \"theme\": \"dark\",\r\n  \"env\": {}\r\n}\r\n",
        "{}",
        "{}\n",
        "{ }\n",
        "\uFEFF{\n  \"theme\": \"dark\"\n}\n",
        "{\n  \"env\": {\n    \"CLAUDE_CODE_ENABLE_TELEMETRY\": \"1\"\n  },\n  \"hooks\": {\n    \"SessionStart\": [\n"
                + "      {\n        \"matcher\": \"startup\",\n        \"hooks\": [\n          {\n            \"type\": \"command\",\n"
                + "            \"command\": \"echo hi\"\n          }\n        ]\n      }\n    ],\n"
                + "    \"Stop\": []\n  }\n}\n",
        "{\"hooks\": {}, \"statusLine\": {\"type\": \"command\", \"command\": \"~/bin/line.sh\", \"padding\": 1}}",
        "{\n  \"statusLine\": {\n    \"type\": \"command\",\n    \"command\": \"printf '%s' \\\"$(pwd)\\\"\"\n  }\n}\n",
        "{\n  \"permissions\": {\"deny\": []},\n  \"hooks\": {\"SessionStart\": []},\n  \"env\": {\"A\": \"\u00e9\u00e8 \\u00e9\"}\n}\n",
    };

    @Test
    void everyLayout_roundTripsByteForByte_underEveryStatusLineChoice() {
        for (String file : FILES) {
            for (StatusLineChoice choice : StatusLineChoice.values()) {
                String installed = write(SettingsEditor.install(Optional.of(file), Optional.empty(), entries(choice)));
                SettingsRecord record = record(SettingsEditor.install(Optional.of(file), Optional.empty(), entries(choice)));
                assertValid(installed);
                assertInstanceOf(SettingsPlan.Keep.class,
                        SettingsEditor.install(Optional.of(installed), Optional.of(record), entries(choice)),
                        "a second install changes nothing:\n" + installed);
                String removed = write(SettingsEditor.uninstall(Optional.of(installed), Optional.of(record)));
                assertEquals(file, removed, choice + ", installed:\n" + installed);
            }
        }
    }

    @Test
    void twoSpaceFile_getsMembersInItsLayout() {
        String installed = write(SettingsEditor.install(Optional.of(FILES[0]), Optional.empty(),
                entries(StatusLineChoice.KEEP)));

        assertEquals("""
                {
                  "theme": "dark",
                  "env": {
                    "CLAUDE_CODE_ENABLE_TELEMETRY": "1",
                    "OTEL_METRICS_EXPORTER": "otlp",
                    "OTEL_LOGS_EXPORTER": "otlp",
                    "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc",
                    "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4317"
                  },
                  "statusLine": {
                    "type": "command",
                    "command": "'/home/u/.local/share/ccotel/dist/0.1.0/bin/ccotel' statusline"
                  },
                  "hooks": {
                    "SessionStart": [
                      {
                        "hooks": [
                          {
                            "type": "command",
                            "command": "'/home/u/.local/share/ccotel/dist/0.1.0/bin/ccotel' hook"
                          }
                        ]
                      }
                    ]
                  }
                }
                """, installed);
    }

    @Test
    void oneLineFile_staysOnOneLine() {
        String installed = write(SettingsEditor.install(Optional.of("{\"theme\":\"dark\"}"), Optional.empty(),
                entries(StatusLineChoice.SKIP)));

        assertEquals("{\"theme\":\"dark\",\"env\":{\"CLAUDE_CODE_ENABLE_TELEMETRY\":\"1\",\"OTEL_METRICS_EXPORTER\":\"otlp\","
                + "\"OTEL_LOGS_EXPORTER\":\"otlp\",\"OTEL_EXPORTER_OTLP_PROTOCOL\":\"grpc\","
                + "\"OTEL_EXPORTER_OTLP_ENDPOINT\":\"http://127.0.0.1:4317\"},\"hooks\":{\"SessionStart\":[{\"hooks\":"
                + "[{\"type\":\"command\",\"command\":\"'/home/u/.local/share/ccotel/dist/0.1.0/bin/ccotel' hook\"}]}]}}",
                installed);
    }

    @Test
    void crlfFile_getsCrlfLines() {
        String installed = write(SettingsEditor.install(Optional.of(FILES[5]), Optional.empty(),
                entries(StatusLineChoice.KEEP)));

        assertTrue(installed.replace("\r\n", "").indexOf('\n') < 0, installed);
    }

    @Test
    void othersStatusLine_isKeptByDefault_chainedOrReplacedOnRequest() {
        String file = FILES[11];
        SettingsPlan kept = SettingsEditor.install(Optional.of(file), Optional.empty(), entries(StatusLineChoice.KEEP));
        SettingsPlan chained = SettingsEditor.install(Optional.of(file), Optional.empty(), entries(StatusLineChoice.CHAIN));
        SettingsPlan replaced = SettingsEditor.install(Optional.of(file), Optional.empty(),
                entries(StatusLineChoice.REPLACE));

        assertEquals(StatusLine.KEPT_OTHER, ((SettingsPlan.Write) kept).statusLine());
        assertTrue(write(kept).contains("\"statusLine\": {\"type\": \"command\", \"command\": \"~/bin/line.sh\", "
                + "\"padding\": 1}"), write(kept));
        assertEquals(StatusLine.CHAINED, ((SettingsPlan.Write) chained).statusLine());
        assertTrue(write(chained).contains("\"command\": \"'/home/u/.local/share/ccotel/dist/0.1.0/bin/ccotel' statusline"
                + " --chain '~/bin/line.sh'\", \"padding\": 1}"), write(chained));
        assertEquals(StatusLine.REPLACED, ((SettingsPlan.Write) replaced).statusLine());
        assertTrue(write(replaced).contains("\"statusLine\": {\"type\": \"command\", \"command\": "
                + "\"'/home/u/.local/share/ccotel/dist/0.1.0/bin/ccotel' statusline\"}"), write(replaced));
    }

    @Test
    void chainedCommand_quotesTheOriginalForSh() {
        String installed = write(SettingsEditor.install(Optional.of(FILES[12]), Optional.empty(),
                entries(StatusLineChoice.CHAIN)));

        String command = SettingsInspectionTest.statusLineCommand(installed);
        assertEquals(Optional.of("printf '%s' \"$(pwd)\""), CcotelCommands.chainedOriginal(command));
        assertEquals(COMMANDS.statusline() + " --chain 'printf '\\''%s'\\'' \"$(pwd)\"'", command);
    }

    @Test
    void existingSessionStartHooks_areKept_andOursAppended() {
        String installed = write(SettingsEditor.install(Optional.of(FILES[10]), Optional.empty(),
                entries(StatusLineChoice.KEEP)));

        assertTrue(installed.contains("\"command\": \"echo hi\""), installed);
        assertTrue(installed.indexOf("echo hi") < installed.indexOf("' hook\""), installed);
        assertTrue(installed.contains("\"Stop\": []"), installed);
    }

    @Test
    void missingFile_isCreated_andUninstallDeletesIt() {
        SettingsPlan plan = SettingsEditor.install(Optional.empty(), Optional.empty(), entries(StatusLineChoice.KEEP));
        SettingsPlan.Write write = assertInstanceOf(SettingsPlan.Write.class, plan);

        assertEquals(Edit.CREATED_FILE, write.edit());
        assertInstanceOf(SettingsPlan.Delete.class, SettingsEditor.uninstall(Optional.of(write.text()), write.record()));
    }

    @Test
    void blankFile_isWrittenBackAsItWas() {
        SettingsPlan.Write write = (SettingsPlan.Write) SettingsEditor.install(Optional.of(" \n"), Optional.empty(),
                entries(StatusLineChoice.KEEP));

        assertEquals(" \n", write(SettingsEditor.uninstall(Optional.of(write.text()), write.record())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\n  // a comment\n  \"a\": 1\n}\n", "{\"a\": 1,}", "[1]", "{\"a\": 1} x", "{\"a\": 1, \"a\": 2}",
        "{\"env\": []}", "{\"hooks\": {\"SessionStart\": {}}}", "{\"hooks\": 3}"})
    void notPlainJson_orNotEditable_isRefused(String file) {
        assertInstanceOf(SettingsPlan.Refuse.class,
                SettingsEditor.install(Optional.of(file), Optional.empty(), entries(StatusLineChoice.KEEP)));
    }

    @Test
    void userValueOfOurVariable_isReplaced_andPutBack() {
        String file = FILES[3];
        SettingsPlan.Write write = (SettingsPlan.Write) SettingsEditor.install(Optional.of(file), Optional.empty(),
                entries(StatusLineChoice.KEEP));

        assertTrue(write.text().contains("\"OTEL_EXPORTER_OTLP_ENDPOINT\":\"http://127.0.0.1:4317\""), write.text());
        assertEquals(file, write(SettingsEditor.uninstall(Optional.of(write.text()), write.record())));
    }

    @Test
    void withoutRecord_uninstallTakesOutTheRecognisedStatusLineAndHook() {
        String installed = write(SettingsEditor.install(Optional.of(FILES[12]), Optional.empty(),
                entries(StatusLineChoice.CHAIN)));

        String removed = write(SettingsEditor.uninstall(Optional.of(installed), Optional.empty()));

        assertTrue(removed.contains("\"command\": \"printf '%s' \\\"$(pwd)\\\"\""), removed);
        assertTrue(!removed.contains("ccotel"), removed);
    }

    @Test
    void fileEditedAfterInstall_losesOnlyCcotelsEntries() {
        SettingsPlan.Write write = (SettingsPlan.Write) SettingsEditor.install(Optional.of(FILES[0]), Optional.empty(),
                entries(StatusLineChoice.KEEP));
        // Claude Code (or the user) adds a permission and an env variable of their own after ccotel's.
        String edited = write.text().replace("\n}\n", ",\n  \"permissions\": {\"allow\": []}\n}\n")
                .replace("\"http://127.0.0.1:4317\"\n", "\"http://127.0.0.1:4317\",\n    \"MINE\": \"1\"\n");

        String removed = write(SettingsEditor.uninstall(Optional.of(edited), write.record()));

        assertEquals("{\n  \"theme\": \"dark\",\n  \"env\": {\n    \"MINE\": \"1\"\n  },\n"
                + "  \"permissions\": {\"allow\": []}\n}\n", removed);
    }

    @Test
    void statusLineTheUserChangedAfterInstall_isLeftToThem() {
        SettingsPlan.Write write = (SettingsPlan.Write) SettingsEditor.install(Optional.of(FILES[0]), Optional.empty(),
                entries(StatusLineChoice.KEEP));
        String edited = write.text().replace(COMMANDS.statusline(), "my-line");

        String removed = write(SettingsEditor.uninstall(Optional.of(edited), write.record()));

        assertTrue(removed.contains("\"command\": \"my-line\""), removed);
        assertTrue(!removed.contains("ccotel"), removed);
    }

    static String write(SettingsPlan plan) {
        return assertInstanceOf(SettingsPlan.Write.class, plan).text();
    }

    static SettingsRecord record(SettingsPlan plan) {
        return assertInstanceOf(SettingsPlan.Write.class, plan).record().orElseThrow();
    }

    static void assertValid(String text) {
        try {
            JsonTree.parseObject(text);
        } catch (JsonTree.InvalidJson e) {
            throw new AssertionError("not JSON: " + e.getMessage() + "\n" + text, e);
        }
    }
}
