package dev.ccotel.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line's conventions: global options anywhere, help, usage once, one validation, typo hints. */
class CliConventionsTest {
    private static final String TOKEN = "cc-secret-token-abcdefgh";

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> env = new HashMap<>();

    private int run(String... args) {
        env.putIfAbsent("HOME", home.toString());
        return Cli.run(args, env, Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path config(String yaml) throws Exception {
        Path file = home.resolve("ccotel.yaml");
        Files.writeString(file, yaml);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void globalOptions_areAcceptedAfterTheSubcommand() throws Exception {
        Path file = config("receiver:\n  host: 127.0.0.2\n");

        int code = run("config", "--dry-run", "--config", file.toString(), "--set", "receiver.port=4999", "-v");

        assertEquals(0, code, err());
        assertTrue(out().contains("# config file: " + file), out());
        assertTrue(out().contains("receiver.host: 127.0.0.2  # file"), out());
        assertTrue(out().contains("receiver.port: 4999  # flag"), out());
    }

    @Test
    void globalOptions_beforeAndAfterTheSubcommand_bothCount() throws Exception {
        Path file = config("receiver:\n  host: 127.0.0.2\n");

        int code = run("--config", file.toString(), "config", "--dry-run", "--set", "receiver.port=4999");

        assertEquals(0, code, err());
        assertTrue(out().contains("receiver.host: 127.0.0.2  # file"), out());
        assertTrue(out().contains("receiver.port: 4999  # flag"), out());
    }

    @Test
    void globalOptions_afterANestedSubcommand_reachIt() throws Exception {
        Path file = config("receiver:\n  port: 4888\n");
        Files.writeString(home.resolve(".bashrc"), "");

        assertEquals(0, run("cc", "install", "--shell", "bash", "--config", file.toString()), err());

        assertTrue(Files.readString(home.resolve(".bashrc")).contains("127.0.0.1:4888"));
    }

    @Test
    void verboseAndQuietTogether_areAUsageError() {
        assertEquals(2, run("daemon", "--dry-run", "--port", "0", "-v", "-q"));
        assertTrue(err().contains("cannot be used together"), err());
    }

    @Test
    void helpCommand_showsTheNamedCommandsUsage() {
        assertEquals(0, run("help", "daemon"));
        assertTrue(out().contains("Usage: ccotel daemon"), out());
        assertTrue(out().contains("--dry-run"), out());
    }

    @Test
    void helpCommand_knowsTheCcCommandToo_andWithoutANameShowsTheTopUsage() {
        assertEquals(0, run("help", "cc"));
        assertTrue(out().contains("Usage: ccotel cc"), out());
        out.reset();

        assertEquals(0, run("help"));
        assertTrue(out().contains("Usage: ccotel "), out());
    }

    @Test
    void bareCcotel_printsTheUsageOnce_exit2() {
        assertEquals(2, run());

        assertEquals(1, count(err(), "Usage: ccotel"), err());
        assertEquals("", out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"backend:\n  timeout: tenseconds\n", "receiver:\n  port: 99999\n",
            "delivery:\n  spool:\n    max-bytes: 10\n"})
    void aValueTheDaemonRefuses_failsConfigAndDryRunToo_exit2(String yaml) throws Exception {
        Path file = config(yaml);
        env.put("CCOTEL_BACKEND_TOKEN", TOKEN);
        String key = yaml.contains("timeout") ? "backend.timeout" : yaml.contains("port") ? "receiver.port"
                : "delivery.spool.max-bytes";

        // no --port flag: it would override the file's receiver.port
        assertEquals(2, run("--config", file.toString(), "daemon"), err());
        String daemonSays = err();
        assertTrue(daemonSays.contains(key), daemonSays);
        err.reset();
        assertEquals(2, run("--config", file.toString(), "config"));
        assertTrue(err().contains(key), err());
        assertEquals(daemonSays, err(), "config says what daemon says");
        err.reset();
        assertEquals(2, run("--config", file.toString(), "daemon", "--dry-run"));
        assertTrue(err().contains(key), err());
    }

    @Test
    void config_withoutAToken_passesForTheStore_failsForPassthroughAsTheDaemonWould() {
        assertEquals(0, run("config"), err());
        assertEquals(0, run("config", "--dry-run"), err());

        assertEquals(2, run("--set", "delivery.mode=passthrough", "config"));
        assertTrue(err().contains("CCOTEL_BACKEND_TOKEN"), err());
    }

    @Test
    void unknownCcotelVariable_isWarnedAbout_withTheNearestKnownOne() {
        env.put("CCOTEL_BACKEND_TOKN", TOKEN);
        env.put("CCOTEL_JAVA_OPTS", "-Xmx256m"); // the launcher's own: no warning
        env.put("CCOTEL_RECEIVER_PORT", "4999");

        assertEquals(0, run("config", "--dry-run"), err());

        assertTrue(err().contains("CCOTEL_BACKEND_TOKN is not a ccotel setting and is ignored (did you mean"
                + " CCOTEL_BACKEND_TOKEN?)"), err());
        assertFalse(err().contains("CCOTEL_JAVA_OPTS"), err());
        assertFalse(err().contains("CCOTEL_RECEIVER_PORT"), err());
        assertFalse(err().contains(TOKEN), "the value is never shown");
        assertEquals(1, count(err(), "warning"), err());
    }

    @Test
    void misspeltKeyInTheFile_getsDidYouMean() throws Exception {
        Path file = config("backend:\n  tokn: x\nreceiver:\n  prot: 1\n");

        assertEquals(2, run("--config", file.toString(), "config"));

        assertTrue(err().contains("did you mean backend.token for backend.tokn, receiver.port for receiver.prot?"),
                err());
    }

    @Test
    void misspeltKeyInSet_getsDidYouMean_aFarOneDoesNot() {
        assertEquals(2, run("config", "--set", "reciever.port=1"));
        assertTrue(err().contains("unknown key 'reciever.port' (did you mean receiver.port?)"), err());
        err.reset();

        assertEquals(2, run("config", "--set", "colour=blue"));
        assertTrue(err().contains("unknown key 'colour';"), err());
    }

    @Test
    void completionScript_coversTheSubcommandsAndTheirOptions() throws Exception {
        CompletionScripts.main(new String[] {home.resolve("completion").toString()});

        String bash = Files.readString(home.resolve("completion/ccotel.bash"));
        assertEquals(bash, Files.readString(home.resolve("completion/ccotel.zsh")));
        for (String word : new String[] {"daemon", "inspect", "config", "help", "cc", "install", "--dry-run",
                "--config", "_complete_ccotel"}) {
            assertTrue(bash.contains(word), word);
        }
    }
}
