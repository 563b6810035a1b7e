package dev.ccotel.adapter.shellenv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.ports.in.TelemetryEnvOptions;
import dev.ccotel.ports.model.CcotelCommands;
import dev.ccotel.ports.model.ClaudeSettingsChange;
import dev.ccotel.ports.model.ClaudeSettingsEntries;
import dev.ccotel.ports.model.ClaudeSettingsStatus;
import dev.ccotel.ports.model.StatusLineChoice;
import dev.ccotel.ports.out.ClaudeSettingsPort;
import dev.ccotel.ports.service.shellenv.TelemetryEnvPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings.json port on real files in a temporary home. */
class ClaudeSettingsAdapterTest {

    @TempDir
    Path temp;

    private TempHome home;
    private Path settings;
    private Path launcher;

    @BeforeEach
    void setUp() throws Exception {
        home = new TempHome(temp);
        settings = home.home.resolve(".claude/settings.json");
        launcher = Files.createDirectories(temp.resolve("dist/bin")).resolve("ccotel");
        Files.writeString(launcher, "#!/bin/sh\n");
        launcher.toFile().setExecutable(true);
    }

    private ClaudeSettingsPort port() {
        return ShellEnvAdapterFactory.claudeSettings(home.environment());
    }

    private ClaudeSettingsEntries entries(StatusLineChoice choice) {
        return new ClaudeSettingsEntries(TelemetryEnvPolicy.decide(TelemetryEnvOptions.defaults(4317)),
                Optional.of(new CcotelCommands(launcher.toString())), choice);
    }

    @Test
    void missingFolderAndFile_areCreated_privately_andUninstallRemovesTheFile() throws Exception {
        ClaudeSettingsChange change = port().write(entries(StatusLineChoice.KEEP), false);

        assertEquals(ClaudeSettingsChange.Edit.CREATED_FILE, assertInstanceOf(ClaudeSettingsChange.Changed.class,
                change).edit());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(settings)));
        ClaudeSettingsStatus status = port().inspect();
        assertEquals(ClaudeSettingsStatus.StatusLine.CCOTEL, status.statusLine());
        assertTrue(status.hook());
        assertTrue(status.launcherExists());

        assertEquals(ClaudeSettingsChange.Edit.DELETED_FILE,
                ((ClaudeSettingsChange.Changed) port().remove(false)).edit());
        assertFalse(Files.exists(settings));
    }

    @Test
    void existingFile_keepsItsModeAndComesBackByteForByte() throws Exception {
        byte[] original = "{\r\n\t\"theme\": \"dark\",\r\n\t\"env\": {\"A\": \"\u00e9\"}\r\n}".getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(settings.getParent());
        Files.write(settings, original);
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-r-----"));

        port().write(entries(StatusLineChoice.REPLACE), false);
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(settings)));
        port().remove(false);

        assertArrayEquals(original, Files.readAllBytes(settings));
    }

    @Test
    void claudeConfigDir_isWhereTheFileGoes() throws Exception {
        Path config = temp.resolve("claude-config");
        home.with("CLAUDE_CONFIG_DIR", config.toString());

        port().write(entries(StatusLineChoice.KEEP), false);

        assertTrue(Files.exists(config.resolve("settings.json")));
        assertFalse(Files.exists(settings));
    }

    @Test
    void commentsOrBrokenJson_areRefused_andTheFileIsUntouched() throws Exception {
        String text = "{\n  // my settings\n  \"theme\": \"dark\"\n}\n";
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, text);

        ClaudeSettingsChange.Failed failed = assertInstanceOf(ClaudeSettingsChange.Failed.class,
                port().write(entries(StatusLineChoice.KEEP), false));

        assertTrue(failed.reason().contains("not valid JSON") && failed.reason().contains("without comments"),
                failed.reason());
        assertEquals(text, Files.readString(settings));
        assertEquals(ClaudeSettingsStatus.State.INVALID, port().inspect().state());
    }

    @Test
    void dryRun_showsTheDiff_andWritesNothing() throws Exception {
        List<String> before = home.tree();

        ClaudeSettingsChange.Changed change = assertInstanceOf(ClaudeSettingsChange.Changed.class,
                port().write(entries(StatusLineChoice.KEEP), true));

        assertTrue(change.diff().contains("+  \"statusLine\": {"), change.diff());
        assertEquals(before, home.tree());
    }

    @Test
    void recordIsKeptAwayFromTheUsersFiles_andGoesWithUninstall() throws Exception {
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "{\"env\": {\"OTEL_EXPORTER_OTLP_ENDPOINT\": \"http://secret@collector\"}}");

        port().write(entries(StatusLineChoice.KEEP), false);
        Path records = home.home.resolve(".local/state/ccotel/claude-settings");
        assertEquals(List.of(".claude", ".claude/settings.json"), Files.walk(home.home.resolve(".claude"))
                .map(p -> home.home.relativize(p).toString()).sorted().toList());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(records)));
        port().remove(false);

        assertEquals("{\"env\": {\"OTEL_EXPORTER_OTLP_ENDPOINT\": \"http://secret@collector\"}}",
                Files.readString(settings));
        try (var left = Files.list(records)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void symlinkedSettings_editTheTarget_andStayALink() throws Exception {
        Path real = temp.resolve("dotfiles/claude-settings.json");
        Files.createDirectories(real.getParent());
        Files.writeString(real, "{}\n");
        Files.createDirectories(settings.getParent());
        Files.createSymbolicLink(settings, real);

        port().write(entries(StatusLineChoice.KEEP), false);

        assertTrue(Files.isSymbolicLink(settings));
        assertTrue(Files.readString(real).contains("statusline"));
        port().remove(false);
        assertEquals("{}\n", Files.readString(real));
    }

    @Test
    void missingLauncher_isReportedByStatus() throws Exception {
        port().write(entries(StatusLineChoice.KEEP), false);
        Files.delete(launcher);

        ClaudeSettingsStatus status = port().inspect();

        assertEquals(Optional.of(launcher.toString()), status.launcher());
        assertFalse(status.launcherExists());
    }
}
