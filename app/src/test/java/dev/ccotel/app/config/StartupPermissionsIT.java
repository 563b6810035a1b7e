package dev.ccotel.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The permission cases of {@link StartupErrorsTest}, which cannot fail for root: here the packaged jar runs
 * as the unprivileged user 65534 (through setpriv) when the build runs as root, so "Permission denied" is
 * real on a root build machine too.
 *
 * <p>That user runs a copy of the jar and its {@code libs/} in a world-readable folder, not the one in
 * the build tree: a checkout inside a private folder (a 0700 home, a {@code mktemp -d}) is out of its reach,
 * and the test must not depend on where the checkout lies.
 */
class StartupPermissionsIT {
    private static final Path BUILT_JAR = Path.of("target", "ccotel.jar").toAbsolutePath();
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static Path copy;
    private static Path jar;

    private Path dir;

    @BeforeAll
    static void copyTheJarWhereTheOtherUserCanReadIt() throws IOException {
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(SETPRIV)) {
            return; // every test is skipped below, saying why
        }
        copy = Files.createTempDirectory("ccotel-permissions-jar-");
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = Files.copy(BUILT_JAR, copy.resolve(BUILT_JAR.getFileName()));
        Path libs = Files.createDirectory(copy.resolve("libs"));
        try (Stream<Path> built = Files.list(BUILT_JAR.resolveSibling("libs"))) {
            for (Path lib : (Iterable<Path>) built::iterator) {
                Files.copy(lib, libs.resolve(lib.getFileName()));
            }
        }
        try (Stream<Path> all = Files.walk(copy)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    @AfterAll
    static void removeTheCopy() throws IOException {
        deleteTree(copy);
    }

    @BeforeEach
    void folderTheOtherUserCanEnter() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "not root: StartupErrorsTest covers these as"
                + " this user");
        assumeTrue(Files.isExecutable(SETPRIV), "no /usr/bin/setpriv to drop root's privileges (util-linux)");
        dir = Files.createTempDirectory("ccotel-permissions-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void cleanUp() throws IOException {
        deleteTree(dir);
    }

    private static void deleteTree(Path root) throws IOException {
        if (root != null) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private record Run(int exit, String err) {}

    private Run asNobody(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SETPRIV.toString(), "--reuid=65534", "--regid=65534",
                "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("CCOTEL_") || k.startsWith("XDG_"));
        pb.environment().put("HOME", dir.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ccotel did not stop: " + err);
            return new Run(p.exitValue(), err);
        } finally {
            p.destroyForcibly(); // a daemon that wrongly started
        }
    }

    @Test
    void unreadableConfigFile_saysPermissionDenied() throws Exception {
        Path file = Files.writeString(dir.resolve("ccotel.yaml"), "receiver:\n  port: 4999\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));

        Run run = asNobody(Map.of(), "--config", file.toString(), "config", "--dry-run");

        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains(file + ": cannot read the config file: Permission denied"), run.err());
    }

    @Test
    void storeFolderThatCannotBeWritten_stopsTheDaemonSayingPermissionDenied() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));

        Run run = asNobody(Map.of("CCOTEL_BACKEND_TOKEN", "cc-secret-token-abcdefgh", "XDG_DATA_HOME",
                data.toString()), "daemon", "--port", "0");

        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("store.path: cannot use " + data.resolve("ccotel") + ": " + data
                + ": Permission denied"), run.err());
    }
}
