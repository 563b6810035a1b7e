package dev.ccotel.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.ccotel.app.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 item 6: a start-up error says its cause ("Permission denied", "Not a directory"), not only the path. */
class StartupErrorsTest {
    private static final String TOKEN = "cc-secret-token-abcdefgh";
    /** root reads and writes whatever the permission bits say, so those cases cannot fail for it. */
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final String ROOT_SKIP = "runs as root, who may read and write any file whatever its mode,"
            + " so a permission error cannot be produced here (StartupPermissionsIT runs these as user 65534)";

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

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void configOptionNamingAFolder_saysItIsADirectory() throws Exception {
        Path dir = Files.createDirectories(home.resolve("conf"));

        assertEquals(2, run("--config", dir.toString(), "config"));

        assertTrue(err().contains(dir + " is a directory, not a file"), err());
    }

    @Test
    void configOptionNamingNothing_saysNoSuchFile() {
        assertEquals(2, run("--config", home.resolve("missing.yaml").toString(), "config"));

        assertTrue(err().contains("missing.yaml: No such file or directory"), err());
    }

    @Test
    void defaultConfigFileThatIsADirectory_isAnError_notIgnored() throws Exception {
        Path dir = Files.createDirectories(home.resolve(".config/ccotel/config.yaml"));

        assertEquals(2, run("config", "--dry-run"));

        assertTrue(err().contains(dir + " is a directory, not a file"), err());
    }

    @Test
    void configHomeThatIsAFile_saysNotADirectory() throws Exception {
        Path file = Files.writeString(home.resolve("xdg-config"), "not a folder\n");
        env.put("XDG_CONFIG_HOME", file.toString());

        assertEquals(2, run("config", "--dry-run"));

        assertTrue(err().contains("Not a directory"), err());
    }

    @Test
    void unreadableConfigFile_saysPermissionDenied() throws Exception {
        assumeFalse(ROOT, ROOT_SKIP);
        Path file = Files.writeString(home.resolve("ccotel.yaml"), "receiver:\n  port: 4999\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));

        assertEquals(2, run("--config", file.toString(), "config", "--dry-run"));

        assertTrue(err().contains("Permission denied"), err());
    }

    @Test
    void storeFolderUnderAFile_stopsTheDaemonSayingNotADirectory() throws Exception {
        Path file = Files.writeString(home.resolve("data"), "a file\n");
        env.put("CCOTEL_BACKEND_TOKEN", TOKEN);
        env.put("XDG_DATA_HOME", file.toString());

        assertEquals(2, run("daemon", "--port", "0"));

        assertTrue(err().contains("store.path"), err());
        assertTrue(err().contains(file + " is not a folder: Not a directory"), err());
    }

    @Test
    void storeFolderThatCannotBeWritten_stopsTheDaemonSayingPermissionDenied() throws Exception {
        assumeFalse(ROOT, ROOT_SKIP);
        Path state = Files.createDirectories(home.resolve("data"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("r-x------"));
        env.put("CCOTEL_BACKEND_TOKEN", TOKEN);
        env.put("XDG_DATA_HOME", state.toString());

        assertEquals(2, run("daemon", "--port", "0"));

        assertTrue(err().contains("Permission denied"), err());
    }

    /** What the skipped permission cases would print, checked where root cannot make the error happen. */
    @Test
    void theJdksReasonlessExceptions_getTheirCauseByClass() {
        assertEquals("Permission denied", IoReasons.of(new java.nio.file.AccessDeniedException("/etc/x")));
        assertEquals("Not a directory", IoReasons.of(new java.nio.file.NotDirectoryException("/etc/x")));
        assertEquals("Read-only file system", IoReasons.of(
                new java.nio.file.FileSystemException("/x", null, "Read-only file system")));
    }
}
