package dev.ccotel.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.adapter.shellenv.ShellEnvAdapterFactory;
import dev.ccotel.ports.fakes.FailingShellProfilePort;
import dev.ccotel.ports.out.ShellProfilePort;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code ccotel cc ...} against the real adapter, with HOME and friends inside a temporary folder. */
class CcCommandTest {

    @TempDir
    Path temp;

    private final Map<String, String> env = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path home;

    @BeforeEach
    void home() throws Exception {
        home = Files.createDirectories(temp.resolve("home"));
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Files.createFile(bin.resolve("zsh")).toFile().setExecutable(true);
        env.put("HOME", home.toString());
        env.put("PATH", bin.toString());
        env.put("XDG_CONFIG_HOME", temp.resolve("config").toString());
    }

    private int run(String... args) {
        return run(ShellEnvAdapterFactory::create, args);
    }

    private int run(Function<Map<String, String>, ShellProfilePort> profiles, String... args) {
        CommandLine cli = new CommandLine(cc(() -> 4317, () -> 4318, env, profiles));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String zshrc() throws Exception {
        return Files.readString(home.resolve(".zshrc"));
    }

    @Test
    void install_withoutShell_configuresTheShellsFoundOnPath_andSaysWhatItDid() throws Exception {
        int code = run("install");

        assertEquals(0, code, err.toString());
        assertTrue(zshrc().contains("export OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4317\n"));
        assertFalse(Files.exists(home.resolve(".bashrc")), "bash is not on PATH");
        assertTrue(out.toString().contains("zsh   " + home.resolve(".zshrc") + ": created the file with the ccotel block"),
                out.toString());
    }

    @Test
    void aliases_installTwice_thenUninstall() throws Exception {
        Files.writeString(home.resolve(".zshrc"), "alias g=git");

        assertEquals(0, run("i", "--shell", "zsh"));
        assertEquals(0, run("i", "--shell", "zsh"));
        assertTrue(out.toString().contains("unchanged (the ccotel block is up to date)"), out.toString());
        assertEquals(0, run("u"));

        assertEquals("alias g=git", zshrc());
    }

    @Test
    void installOptions_becomeVariables() throws Exception {
        int code = run("install", "--shell=fish", "--port=4999", "--metric-export-interval=10000",
                "--logs-export-interval=5000", "--log-user-prompts");

        String fish = Files.readString(temp.resolve("config/fish/conf.d/ccotel.fish"));
        assertEquals(0, code, err.toString());
        assertTrue(fish.contains("set -gx OTEL_EXPORTER_OTLP_ENDPOINT http://127.0.0.1:4999\n"), fish);
        assertTrue(fish.contains("set -gx OTEL_METRIC_EXPORT_INTERVAL 10000\n"), fish);
        assertTrue(fish.contains("set -gx OTEL_LOGS_EXPORT_INTERVAL 5000\n"), fish);
        assertTrue(fish.contains("set -gx OTEL_LOG_USER_PROMPTS 1\n"), fish);
    }

    @Test
    void dryRun_printsTheDiff_andWritesNothing() {
        int code = run("install", "--shell", "bash,zsh", "--dry-run");

        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("would create the file with the ccotel block (dry run)"), out.toString());
        assertTrue(out.toString().contains("+export CLAUDE_CODE_ENABLE_TELEMETRY=1\n"), out.toString());
        assertFalse(Files.exists(home.resolve(".bashrc")));
        assertFalse(Files.exists(home.resolve(".zshrc")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--shell=tcsh", "--metric-export-interval=0", "--port=70000", "--no-such-option"})
    void badArguments_areUsageErrors(String argument) {
        assertEquals(2, run("install", argument));
        assertFalse(Files.exists(home.resolve(".zshrc")));
    }

    @Test
    void help_isShownWithExitCode0() {
        assertEquals(0, run("install", "--help"));
        assertTrue(out.toString().contains("--metric-export-interval=MS"), out.toString());
    }

    /** The way the top command registers it: added as an object, the port asked for only when it runs. */
    @Test
    void asASubcommandOfTheTopCommand_itRunsWithTheTopCommandsWriters() throws Exception {
        @CommandLine.Command(name = "ccotel")
        class Top implements Runnable {
            @Override
            public void run() {}
        }
        int[] port = {0};
        CommandLine top = new CommandLine(new Top())
                .addSubcommand(cc(() -> port[0], () -> 4318, env, ShellEnvAdapterFactory::create));
        top.setOut(new PrintWriter(out, true));
        top.setErr(new PrintWriter(err, true));
        port[0] = 4318; // known only after the top command parsed its options

        assertEquals(0, top.execute("cc", "i", "--shell=zsh"), err.toString());
        assertTrue(zshrc().contains("http://127.0.0.1:4318"));
        assertTrue(out.toString().contains("created the file with the ccotel block"), out.toString());
    }

    private int runWithHttpPort(int httpPort, String... args) {
        CommandLine cli = new CommandLine(cc(() -> 4317, () -> httpPort, env, ShellEnvAdapterFactory::create));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void installWithAnHttpProtocol_writesItAndTheHttpReceiversEndpoint_andStatusShowsBoth() throws Exception {
        assertEquals(0, runWithHttpPort(4318, "install", "--shell=zsh", "--protocol", "http/protobuf"), err.toString());

        assertTrue(zshrc().contains("export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf"), zshrc());
        assertTrue(zshrc().contains("export OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318"), zshrc());
        out.getBuffer().setLength(0);
        assertEquals(0, runWithHttpPort(4318, "status", "--shell=zsh"), err.toString());
        assertTrue(out.toString().contains("installed, sending to http://127.0.0.1:4318 over http/protobuf"),
                out.toString());

        out.getBuffer().setLength(0);
        runWithHttpPort(4999, "status", "--shell=zsh");
        assertTrue(out.toString().contains("outdated: sends to http://127.0.0.1:4318 but the receiver port is 4999 "
                + "(receiver.http.port, for http/protobuf); run 'ccotel cc install --protocol http/protobuf'"),
                out.toString());
        out.getBuffer().setLength(0);
        runWithHttpPort(0, "status", "--shell=zsh");
        assertTrue(out.toString().contains("the daemon's OTLP/HTTP listener is off"), out.toString());
    }

    @Test
    void installWithHttpJson_andTheDefaultIsGrpc() throws Exception {
        assertEquals(0, runWithHttpPort(4318, "install", "--shell=zsh", "--protocol=http/json"), err.toString());
        assertTrue(zshrc().contains("OTEL_EXPORTER_OTLP_PROTOCOL=http/json"), zshrc());

        assertEquals(0, runWithHttpPort(4318, "install", "--shell=zsh"), err.toString());
        assertTrue(zshrc().contains("OTEL_EXPORTER_OTLP_PROTOCOL=grpc"), zshrc());
        assertTrue(zshrc().contains("OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4317"), zshrc());
    }

    @Test
    void anUnknownProtocol_orAnHttpProtocolWithTheListenerOff_isAUsageError() {
        assertEquals(2, runWithHttpPort(4318, "install", "--shell=zsh", "--protocol", "http"));
        assertTrue(err.toString().contains("expected grpc, http/protobuf or http/json"), err.toString());
        assertEquals(2, runWithHttpPort(0, "install", "--shell=zsh", "--protocol", "http/protobuf"));
        assertTrue(err.toString().contains("receiver.http.enabled"), err.toString());
    }

    @Test
    void ccAlone_isAUsageError() {
        assertEquals(2, run());
    }

    @Test
    void failingShell_givesExitCode1_andNamesTheFile() {
        int code = run(environment -> new FailingShellProfilePort("~/.zshrc is read-only"), "install", "--shell=zsh");

        assertEquals(1, code);
        assertTrue(err.toString().contains("zsh   ~/.zshrc: FAILED: ~/.zshrc is read-only"), err.toString());
    }

    @Test
    void noShellFound_installFails_uninstallHasNothingToDo() {
        env.put("PATH", "");

        assertEquals(1, run("install"));
        assertTrue(err.toString().contains("--shell"), err.toString());
        assertEquals(0, run("uninstall"));
    }

    @Test
    void status_tellsCurrentFromOutdated() throws Exception {
        run("install", "--shell=zsh", "--port=4000");

        int code = run("status");

        assertEquals(3, code, "outdated in every shell: " + err);
        assertTrue(out.toString().contains("outdated: sends to http://127.0.0.1:4000 but the receiver port is 4317"),
                out.toString());
        out.getBuffer().setLength(0);
        run("install");
        run("status");
        assertTrue(out.toString().contains("installed, sending to http://127.0.0.1:4317"), out.toString());
    }

    @Test
    void status_ofABrokenFile_isAFailure() throws Exception {
        Files.writeString(home.resolve(".zshrc"), "# >>> ccotel >>>\n");

        assertEquals(1, run("status"));
        assertTrue(err.toString().contains("PROBLEM"), err.toString());
        assertEquals(1, run("install"));
        assertEquals("# >>> ccotel >>>\n", zshrc());
    }

    @Test
    void status_withNoBlockInAnyShell_exits3_andSaysHowToInstall() {
        assertEquals(3, run("status"));

        assertTrue(out.toString().contains("not installed"), out.toString());
        assertTrue(out.toString().contains("run 'ccotel cc install'"), out.toString());
    }

    @Test
    void status_saysWhenNoDaemonListensOnThePortTheBlockPointsAt() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertEquals(0, run("install", "--port", Integer.toString(closed)));
        out.getBuffer().setLength(0);

        assertEquals(0, run("status", "--port", Integer.toString(closed)), err.toString());

        assertTrue(out.toString().contains("no daemon listens on 127.0.0.1:" + closed), out.toString());
    }

    @Test
    void status_saysNothingOfTheSortWhenADaemonListens() throws Exception {
        try (ServerSocket daemon = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(daemon.getLocalPort());
            assertEquals(0, run("install", "--port", port));
            out.getBuffer().setLength(0);

            assertEquals(0, run("status", "--port", port), err.toString());

            assertFalse(out.toString().contains("no daemon listens"), out.toString());
            assertTrue(out.toString().contains("installed, sending to http://127.0.0.1:" + port), out.toString());
        }
    }

    @Test
    void status_warnsAboutALaterLineThatOverridesAVariableOfTheBlock() throws Exception {
        assertEquals(0, run("install"));
        Files.writeString(home.resolve(".zshrc"), zshrc() + "alias ll='ls -l'\n"
                + "export OTEL_EXPORTER_OTLP_ENDPOINT=http://collector.example:4317\nunset CLAUDE_CODE_ENABLE_TELEMETRY\n");
        int lines = zshrc().split("\n").length;

        run("status");

        assertTrue(err.toString().contains("warning: line " + (lines - 1)
                + ": export OTEL_EXPORTER_OTLP_ENDPOINT=http://collector.example:4317 sets a variable of the block again"),
                err.toString());
        assertTrue(err.toString().contains("warning: line " + lines + ": unset CLAUDE_CODE_ENABLE_TELEMETRY"),
                err.toString());
    }

    /** {@code cc} over these shells, with the real settings.json port, no launcher, and the loopback probe. */
    static CcCommand cc(java.util.function.IntSupplier port, java.util.function.IntSupplier httpPort,
            Map<String, String> env, java.util.function.Function<Map<String, String>,
            dev.ccotel.ports.out.ShellProfilePort> profiles) {
        return new CcCommand(new CcCommand.Wiring(port, httpPort, env, profiles, ShellEnvAdapterFactory::claudeSettings,
                java.util.Optional::empty, CcCommand::listensOnLoopback));
    }
}
