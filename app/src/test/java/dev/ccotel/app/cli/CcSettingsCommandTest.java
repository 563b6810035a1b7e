package dev.ccotel.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.adapter.shellenv.ShellEnvAdapterFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code ccotel cc ...} and Claude Code's settings.json, through picocli, against the real adapter. */
class CcSettingsCommandTest {

    @TempDir
    Path temp;

    private final Map<String, String> env = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path settings;
    private Optional<String> launcher;

    @BeforeEach
    void home() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Files.createFile(bin.resolve("zsh")).toFile().setExecutable(true);
        Path ccotel = Files.createDirectories(temp.resolve("ccotel's dist/bin")).resolve("ccotel");
        Files.writeString(ccotel, "#!/bin/sh\n");
        ccotel.toFile().setExecutable(true);
        launcher = Optional.of(ccotel.toString());
        env.put("HOME", home.toString());
        env.put("PATH", bin.toString());
        settings = home.resolve(".claude/settings.json");
    }

    private int run(String... args) {
        return run(4317, args);
    }

    private int run(int port, String... args) {
        CommandLine cli = new CommandLine(new CcCommand(new CcCommand.Wiring(() -> port, () -> 4318, env,
                ShellEnvAdapterFactory::create, ShellEnvAdapterFactory::claudeSettings, () -> launcher, p -> false)));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private void writeSettings(String text) throws Exception {
        Files.createDirectories(settings.getParent());
        Files.write(settings, text.getBytes(StandardCharsets.UTF_8));
    }

    private String quotedLauncher() {
        return "'" + launcher.orElseThrow().replace("'", "'\\''") + "'";
    }

    @Test
    void install_writesEnvStatusLineAndHook_andUninstallDeletesTheFileItCreated() throws Exception {
        assertEquals(0, run("install"), err.toString());

        String json = Files.readString(settings);
        assertTrue(json.contains("\"OTEL_EXPORTER_OTLP_ENDPOINT\": \"http://127.0.0.1:4317\""), json);
        assertTrue(json.contains("\"command\": \"" + quotedLauncher().replace("\\", "\\\\") + " statusline\""), json);
        assertTrue(json.contains("\"command\": \"" + quotedLauncher().replace("\\", "\\\\") + " hook\""), json);
        assertTrue(out.toString().contains("claude  " + settings + ": created the file with ccotel's entries"),
                out.toString());

        assertEquals(0, run("uninstall"), err.toString());
        assertFalse(Files.exists(settings));
        assertTrue(out.toString().contains("deleted the file, which held nothing but ccotel's"), out.toString());
    }

    @Test
    void othersStatusLine_isKept_withOneLineOfferingChain_thenChained_andUninstallRestoresEveryByte()
            throws Exception {
        String original = "{\r\n    \"statusLine\": {\r\n        \"type\": \"command\",\r\n        \"command\":"
                + " \"~/bin/line.sh\"\r\n    },\r\n    \"model\": \"opus\"\r\n}";
        writeSettings(original);

        assertEquals(0, run("install"), err.toString());
        assertTrue(Files.readString(settings).contains("\"command\": \"~/bin/line.sh\""));
        assertTrue(out.toString().contains("kept your statusLine; to show ccotel's after it run 'ccotel cc install"
                + " --statusline chain'"), out.toString());

        assertEquals(0, run("install", "--statusline", "chain"), err.toString());
        assertTrue(Files.readString(settings).contains(" statusline --chain '~/bin/line.sh'\""),
                Files.readString(settings));
        out.getBuffer().setLength(0);
        assertEquals(0, run("status"), err.toString());
        assertTrue(out.toString().contains("env current (http://127.0.0.1:4317); statusLine ccotel's, chained after"
                + " yours; SessionStart hook present"), out.toString());

        out.getBuffer().setLength(0);
        assertEquals(0, run("uninstall"), err.toString());
        assertTrue(out.toString().contains("claude  " + settings + ": removed ccotel's entries"),
                out.toString());
        assertTrue(out.toString().contains("statusLine: yours is back"), out.toString());
        assertArrayEquals(original.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(settings));
    }

    @Test
    void replace_thenUninstall_putsTheOriginalBack() throws Exception {
        String original = "{\"statusLine\":{\"type\":\"command\",\"command\":\"echo hi\",\"padding\":2}}\n";
        writeSettings(original);

        assertEquals(0, run("install", "--statusline=replace"), err.toString());
        assertFalse(Files.readString(settings).contains("echo hi"));
        assertEquals(0, run("uninstall"), err.toString());

        assertEquals(original, Files.readString(settings));
    }

    @Test
    void noSettings_leavesSettingsJsonAlone() {
        assertEquals(0, run("install", "--no-settings"), err.toString());
        assertFalse(Files.exists(settings));
    }

    @Test
    void skip_writesNoStatusLine() throws Exception {
        assertEquals(0, run("install", "--statusline", "skip"), err.toString());
        assertFalse(Files.readString(settings).contains("statusLine"));
        assertTrue(Files.readString(settings).contains(" hook\""));
    }

    @Test
    void dryRun_showsTheDiff_andWritesNothing() throws Exception {
        writeSettings("{\n  \"theme\": \"dark\"\n}\n");

        assertEquals(0, run("install", "--dry-run"), err.toString());

        assertTrue(out.toString().contains("would update ccotel's entries (dry run)"), out.toString());
        assertTrue(out.toString().contains("+  \"statusLine\": {\n"), out.toString());
        assertEquals("{\n  \"theme\": \"dark\"\n}\n", Files.readString(settings));
        assertTrue(Files.notExists(temp.resolve("home/.local/state")));
    }

    @Test
    void jsonWithComments_isRefused_withExitCode1_andLeftUntouched() throws Exception {
        writeSettings("{\n  // mine\n  \"theme\": \"dark\"\n}\n");

        assertEquals(1, run("install"));

        assertTrue(err.toString().contains("FAILED: ") && err.toString().contains("without comments"), err.toString());
        assertEquals("{\n  // mine\n  \"theme\": \"dark\"\n}\n", Files.readString(settings));
        assertTrue(Files.readString(temp.resolve("home/.zshrc")).contains("ccotel"), "the shells are still done");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--statusline=always", "--statusline="})
    void badStatusLineMode_isAUsageError(String option) {
        assertEquals(2, run("install", option));
        assertFalse(Files.exists(settings));
    }

    @Test
    void status_saysOutdatedWhenThePortMoved_andNotCurrentAnywhere() throws Exception {
        assertEquals(0, run("install", "--no-settings"), err.toString());
        writeSettings("{\"env\": {\"OTEL_EXPORTER_OTLP_ENDPOINT\": \"http://127.0.0.1:4317\","
                + " \"OTEL_EXPORTER_OTLP_PROTOCOL\": \"grpc\"}}");

        out.getBuffer().setLength(0);
        run(4999, "status");

        assertTrue(out.toString().contains("env outdated (http://127.0.0.1:4317; run 'ccotel cc install');"
                + " statusLine none; SessionStart hook missing"), out.toString());
    }

    @Test
    void status_exits3_onlyWhenNeitherAShellNorSettingsAreCurrent() throws Exception {
        assertEquals(0, run("install", "--no-settings"), err.toString());
        assertEquals(0, run("install", "--shell=zsh"), err.toString());
        assertEquals(0, run("uninstall", "--no-settings"), err.toString());

        assertEquals(0, run("status"), out.toString());
        assertEquals(0, run("uninstall"), err.toString());
        assertEquals(CcCommand.NOT_CURRENT, run("status"));
        assertTrue(out.toString().contains("claude  " + settings + ": not installed (no file)"), out.toString());
    }

    @Test
    void status_warnsWhenTheLauncherIsGone() throws Exception {
        assertEquals(0, run("install"), err.toString());
        Files.delete(Path.of(launcher.orElseThrow()));

        run("status");

        assertTrue(err.toString().contains("which is not there any more; run 'ccotel cc install'"), err.toString());
    }

    @Test
    void unknownLauncher_writesOnlyTheEnv_andSaysWhy() throws Exception {
        launcher = Optional.empty();

        assertEquals(0, run("install"), err.toString());

        assertFalse(Files.readString(settings).contains("statusLine"));
        assertTrue(out.toString().contains("statusLine and SessionStart hook not written"), out.toString());
    }

    @Test
    void installTwice_isUnchanged() throws Exception {
        assertEquals(0, run("install"), err.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("i"), err.toString());
        assertTrue(out.toString().contains("claude  " + settings + ": unchanged (ccotel's entries are up to date)"),
                out.toString());
    }
}
