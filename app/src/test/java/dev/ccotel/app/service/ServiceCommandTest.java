package dev.ccotel.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.app.cli.Cli;
import dev.ccotel.app.cli.ServiceCommand;
import dev.ccotel.app.runtime.Version;
import java.io.ByteArrayOutputStream;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ccotel service ...} in a temporary HOME, with a fake {@code systemctl} (or {@code launchctl})
 * first on PATH that records its arguments, so the commands ccotel runs are asserted, not executed.
 */
class ServiceCommandTest {
    @TempDir
    Path temp;

    private Path home;
    private Path calls;
    private Path launcher;
    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectories(temp.resolve("home"));
        Files.createDirectories(home.resolve(".config")); // there on any real machine; install makes what is below
        calls = temp.resolve("calls");
        launcher = executable(temp.resolve("dist/bin/ccotel"), "#!/bin/sh\n");
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("PATH", temp.resolve("fakebin") + ":/usr/bin:/bin");
    }

    private static Path executable(Path file, String script) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** A fake tool that appends its arguments to {@code calls} and exits with {@code probeExit} for the probe. */
    private void fakeTool(String name, int probeExit, int statusExit) throws IOException {
        executable(temp.resolve("fakebin").resolve(name), "#!/bin/sh\n"
                + "echo \"$*\" >> '" + calls + "'\n"
                + "case \"$*\" in\n"
                + "  *show-environment*|'print gui/'[0-9]*[0-9]) exit " + probeExit + " ;;\n"
                + "  *is-active*) echo active; exit " + statusExit + " ;;\n"
                + "esac\n"
                + "exit 0\n");
    }

    private List<String> calls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private int run(String... args) {
        return Cli.run(args, env, Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private Path unit() {
        return home.resolve(".config/systemd/user/ccotel.service");
    }

    private List<String> tree() throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            return files.map(p -> home.relativize(p).toString()).sorted().toList();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void install_writesTheUnitForThisLauncher_andEnablesItThroughSystemctl() throws Exception {
        fakeTool("systemctl", 0, 0);

        int code = run("service", "install", "--platform", "systemd", "--exec", launcher.toString());

        assertEquals(0, code, err.toString());
        assertEquals(new Systemd(home.resolve(".config")).render(launcher, Path.of(java())), Files.readString(unit()));
        assertTrue(Files.readString(unit()).contains("ExecStart=" + launcher + " daemon\n"));
        assertEquals(List.of("--user show-environment", "--user daemon-reload", "--user enable --now ccotel.service"),
                calls());
        assertTrue(out().contains("ran: systemctl --user enable --now ccotel.service"), out());
    }

    @Test
    void installThenUninstall_leavesTheHomeAsItWas_andStopsTheUnitFirst() throws Exception {
        fakeTool("systemctl", 0, 0);
        List<String> before = tree();

        assertEquals(0, run("service", "install", "--platform", "systemd", "--exec", launcher.toString()));
        Files.delete(calls);
        assertEquals(0, run("service", "uninstall", "--platform", "systemd"), err.toString());

        assertEquals(before, tree());
        assertEquals(List.of("--user show-environment", "--user disable --now ccotel.service", "--user daemon-reload"),
                calls());
    }

    @Test
    void installTwice_isUnchangedTheSecondTime() throws Exception {
        fakeTool("systemctl", 0, 0);
        assertEquals(0, run("service", "install", "--platform", "systemd", "--exec", launcher.toString()));
        out.reset();

        assertEquals(0, run("service", "install", "--platform", "systemd", "--exec", launcher.toString()));

        assertTrue(out().contains(unit() + ": unchanged"), out());
    }

    @Test
    void withoutAUserBus_installWritesTheUnit_andPrintsTheExactCommands() throws Exception {
        fakeTool("systemctl", 1, 0);

        assertEquals(0, run("service", "install", "--platform", "systemd", "--exec", launcher.toString()));

        assertTrue(Files.isRegularFile(unit()));
        assertEquals(List.of("--user show-environment"), calls(), "only asked whether a user bus answers");
        assertTrue(out().contains("run these yourself:\n  systemctl --user daemon-reload\n"
                + "  systemctl --user enable --now ccotel.service\n"), out());
    }

    @Test
    void withoutSystemctl_installPrintsTheCommands() throws Exception {
        env.put("PATH", temp.resolve("fakebin").toString()); // nothing there

        assertEquals(0, run("service", "install", "--platform", "systemd", "--exec", launcher.toString()));

        assertTrue(out().contains("systemctl is not on PATH; run these yourself:"), out());
    }

    @Test
    void dryRun_showsTheUnitAndTheCommands_andWritesAndRunsNothing() throws Exception {
        fakeTool("systemctl", 0, 0);
        List<String> before = tree();

        assertEquals(0, run("service", "install", "--dry-run", "--platform", "systemd", "--exec", launcher.toString()));

        assertEquals(before, tree());
        assertEquals(List.of(), calls());
        assertTrue(out().contains("would write " + unit()) && out().contains("ExecStart=" + launcher), out());
    }

    @Test
    void withoutTheLauncherProperty_installFailsClearly_unlessExecIsGiven() {
        assertEquals(2, run("service", "install", "--platform", "systemd"));

        assertTrue(err.toString().contains("--exec"), err.toString());
        assertFalse(Files.exists(unit()));
    }

    @Test
    void aUnitThatCcotelDidNotWrite_isLeftAlone() throws Exception {
        fakeTool("systemctl", 0, 0);
        Files.createDirectories(unit().getParent());
        Files.writeString(unit(), "[Service]\nExecStart=/usr/bin/something-else\n");

        assertEquals(1, run("service", "install", "--platform", "systemd", "--exec", launcher.toString()));
        assertEquals(1, run("service", "uninstall", "--platform", "systemd"));

        assertEquals("[Service]\nExecStart=/usr/bin/something-else\n", Files.readString(unit()));
        assertEquals(List.of(), calls());
    }

    @Test
    void status_isThreeWhenNotInstalledOrNotRunning_andZeroWhenActive() throws Exception {
        fakeTool("systemctl", 0, 3);
        assertEquals(3, run("service", "status", "--platform", "systemd"));
        assertTrue(out().contains("not installed"), out());

        run("service", "install", "--platform", "systemd", "--exec", launcher.toString());
        assertEquals(3, run("service", "status", "--platform", "systemd"), "is-active exits 3");

        fakeTool("systemctl", 0, 0);
        assertEquals(0, run("service", "status", "--platform", "systemd"));
    }

    /** Started through bin/ccotel (no --exec): the unit starts a copy of the distribution, not the build tree. */
    @Test
    void install_throughTheLauncher_copiesTheDistribution_andTheUnitOutlivesTheOriginal() throws Exception {
        fakeTool("systemctl", 0, 0);
        Files.writeString(Files.createDirectories(temp.resolve("dist/lib")).resolve("ccotel.jar"), "jar");
        System.setProperty(ServiceCommand.LAUNCHER, launcher.toString());
        try {
            assertEquals(0, run("service", "install", "--platform", "systemd"), err.toString());
        } finally {
            System.clearProperty(ServiceCommand.LAUNCHER);
        }
        Path copy = home.resolve(".local/share/ccotel/dist/" + Version.VALUE);
        assertTrue(Files.readString(unit()).contains("ExecStart=" + copy.resolve("bin/ccotel") + " daemon\n"),
                Files.readString(unit()));
        assertTrue(out().contains("copied the distribution " + temp.resolve("dist") + " to " + copy), out());

        try (Stream<Path> original = Files.walk(temp.resolve("dist"))) {
            original.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete()); // mvn clean
        }
        assertTrue(Files.isExecutable(copy.resolve("bin/ccotel")) && Files.exists(copy.resolve("lib/ccotel.jar")));

        assertEquals(0, run("service", "uninstall", "--platform", "systemd"), err.toString());
        assertFalse(Files.exists(copy), "uninstall removes the copy too");
    }

    /** No user bus (a container, an ssh session): systemctl cannot say, so the daemon's own ports are asked. */
    @Test
    void status_whenTheManagerCannotSay_asksTheDaemonsPorts() throws Exception {
        fakeTool("systemctl", 0, 0);
        run("service", "install", "--platform", "systemd", "--exec", launcher.toString());
        fakeTool("systemctl", 1, 0); // show-environment fails: no user bus
        HttpServer daemon = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        daemon.createContext("/status", exchange -> {
            byte[] body = "{\"version\":\"9.9\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        daemon.start();
        int port = daemon.getAddress().getPort();
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            env.put("CCOTEL_RECEIVER_PORT", Integer.toString(closed.getLocalPort())); // closed below: nothing there
            env.put("CCOTEL_RECEIVER_HTTP_PORT", Integer.toString(port));
            assertEquals(0, run("service", "status", "--platform", "systemd"), out());
            assertTrue(out().contains("the service manager cannot say") && out().contains("a ccotel daemon answers on"
                    + " 127.0.0.1:" + port), out());
        } finally {
            daemon.stop(0);
        }
        out.reset();
        assertEquals(3, run("service", "status", "--platform", "systemd"), out());
        assertTrue(out().contains("nothing listens on"), out());
    }

    @Test
    void launchd_installBootstrapsTheAgent_uninstallBootsItOutAndRemovesIt() throws Exception {
        fakeTool("launchctl", 0, 0);
        long uid = new com.sun.security.auth.module.UnixSystem().getUid();
        Path plist = home.resolve("Library/LaunchAgents/dev.ccotel.daemon.plist");

        assertEquals(0, run("service", "install", "--platform", "launchd", "--exec", launcher.toString()), err.toString());
        assertTrue(Files.readString(plist).contains("<string>" + launcher + "</string>"));
        assertEquals(0, run("service", "uninstall", "--platform", "launchd"), err.toString());

        assertFalse(Files.exists(plist));
        assertEquals(List.of("print gui/" + uid, "bootstrap gui/" + uid + " " + plist,
                "print gui/" + uid, "bootout gui/" + uid + "/dev.ccotel.daemon"), calls());
    }
}
