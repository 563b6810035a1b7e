package dev.ccotel.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.app.config.Settings;
import dev.ccotel.domain.fixtures.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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

    @Test
    void inspect_printsOneJsonLinePerSessionRequest_inFileOrder() throws Exception {
        List<String> args = new ArrayList<>(List.of("inspect"));
        for (String scenario : Fixtures.SCENARIOS) {
            args.add(Fixtures.pb(scenario, "0001-logs.pb").toString());
            args.add(Fixtures.pb(scenario, "0002-metrics.pb").toString());
        }

        int code = run(args.toArray(String[]::new));

        assertEquals(0, code, err());
        List<String> lines = out().lines().toList();
        assertEquals(8, lines.size());
        JsonNode writeFileMetrics = JSON.readTree(lines.get(3));
        assertEquals(3, writeFileMetrics.at("/session/linesAdded").asInt());
        assertEquals(1, writeFileMetrics.at("/session/totalToolCalls").asInt(), "one ledger across the files");
        assertEquals("/home/dev/projects/acme", JSON.readTree(lines.get(0)).get("project").asText());
    }

    @Test
    void inspect_readsOtlpJsonToo() throws Exception {
        int code = run("inspect", Fixtures.json("api-error", "0001-logs.json").toString());

        assertEquals(0, code, err());
        JsonNode request = JSON.readTree(out().lines().findFirst().orElseThrow());
        JsonNode last = request.get("events").get(request.get("events").size() - 1);
        assertEquals("api_error", last.get("eventType").asText());
        assertEquals(400, last.get("statusCode").asInt());
    }

    @Test
    void inspect_garbageFile_failsWithTheFileNamed_exit1() throws Exception {
        Path garbage = home.resolve("0001-logs.pb");
        Files.write(garbage, new byte[] {(byte) 0xff, 0x13, 0x37, 0x00, 0x42});

        int code = run("inspect", garbage.toString());

        assertEquals(1, code);
        assertTrue(err().contains(garbage.toString()), err());
    }

    @Test
    void inspect_fileNameWithoutSignal_isAUsageError_exit2() throws Exception {
        Path file = home.resolve("export.pb");
        Files.write(file, Fixtures.bytes(Fixtures.pb("text-reply", "0001-logs.pb")));

        assertEquals(2, run("inspect", file.toString()));
        assertTrue(err().contains("--signal"), err());
        assertEquals(0, run("inspect", "--signal", "logs", file.toString()));
    }

    @Test
    void inspect_traceFiles_reportTheirSpanCountsOnStderr_protobufAndJson() throws Exception {
        Path pb = home.resolve("0003-traces.pb");
        Files.write(pb, io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(io.opentelemetry.proto.trace.v1.ResourceSpans.newBuilder()
                        .addScopeSpans(io.opentelemetry.proto.trace.v1.ScopeSpans.newBuilder()
                                .addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder().setName("a"))
                                .addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder().setName("b"))
                                .addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder().setName("c"))))
                .build().toByteArray());
        Path json = home.resolve("0004-traces.json");
        Files.writeString(json, "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":"
                + "\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"eee19b7ec3c1b174\",\"name\":\"x\",\"kind\":1}]}]}]}");

        int code = run("inspect", pb.toString(), json.toString());

        assertEquals(0, code, err());
        assertTrue(err().contains(pb + ": 3 span(s)"), err());
        assertTrue(err().contains(json + ": 1 span(s)"), err());
        assertEquals("", out());
    }

    @Test
    void config_masksTheToken_andNamesWhereValuesCameFrom() {
        env.put("CCOTEL_BACKEND_TOKEN", TOKEN);

        int code = run("--set", "receiver.port=4999", "config");

        assertEquals(0, code, err());
        assertFalse(out().contains(TOKEN), "the token is never printed");
        assertFalse(err().contains(TOKEN));
        assertTrue(out().contains("backend.token: ****efgh  # environment"), out());
        assertTrue(out().contains("receiver.port: 4999  # flag"), out());
        assertTrue(out().contains("receiver.host: 127.0.0.1  # default"), out());
    }

    @Test
    void configFile_isReadAndLaterSourcesWin() throws Exception {
        Path file = home.resolve(".config/ccotel/config.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "receiver:\n  port: 5000\n  host: 127.0.0.2\nbackend:\n  timeout: 3s\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        env.put("CCOTEL_RECEIVER_PORT", "5001");

        assertEquals(0, run("config", "--dry-run"), err());

        assertTrue(out().contains("receiver.port: 5001  # environment"), out());
        assertTrue(out().contains("receiver.host: 127.0.0.2  # file"), out());
        assertTrue(out().contains("backend.timeout: 3s  # file"), out());
        assertFalse(err().contains("readable by other users"));
    }

    @Test
    void configFileReadableByOthers_getsAWarning() throws Exception {
        Path file = home.resolve("ccotel.yaml");
        Files.writeString(file, "backend:\n  token: " + TOKEN + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertEquals(0, run("--config", file.toString(), "config"));

        assertTrue(err().contains("readable by other users"), err());
        assertFalse(out().contains(TOKEN) || err().contains(TOKEN));
    }

    @Test
    void configFileReadableByOthers_withoutAToken_getsNoWarning_andConfigEndsWithWhetherTheDaemonWouldStart()
            throws Exception {
        Path file = home.resolve("ccotel.yaml");
        Files.writeString(file, "receiver:\n  port: 5000\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertEquals(0, run("--config", file.toString(), "config"));

        assertFalse(err().contains("readable by other users"), err());
        List<String> lines = out().lines().toList();
        assertEquals("# the daemon would start: storing in " + home.resolve(".local/share/ccotel/ccotel.db")
                + " (no backend.token: nothing is forwarded)", lines.getLast(), out());
    }

    @Test
    void configThatTheDaemonRefuses_saysSoOnItsLastLine() {
        assertEquals(2, run("--set", "receiver.port=99999", "config"));
        assertTrue(out().lines().toList().getLast().startsWith("# the daemon would refuse to start: receiver.port"),
                out());
    }

    @Test
    void unknownKeyInTheFile_stopsWithTheKeyNamed_exit2() throws Exception {
        Path file = home.resolve("ccotel.yaml");
        Files.writeString(file, "backend:\n  tokn: x\n");

        assertEquals(2, run("--config", file.toString(), "config"));
        assertTrue(err().contains("backend.tokn"), err());
    }

    @Test
    void badValue_stopsDaemonStartUpWithTheKeyNamed_exit2() {
        env.put("CCOTEL_BACKEND_TOKEN", TOKEN);

        assertEquals(2, run("--set", "receiver.port=http", "daemon"));
        assertTrue(err().contains("receiver.port"), err());
    }

    /**
     * A bare {@code daemon} (the login service's command line), {@code status} or {@code report} runs without
     * picocli: it ends with the same words and exit code as the same command line parsed by picocli
     * ({@code daemon --}), in failure too.
     */
    @Test
    void bareCommands_endWithTheSameWordsAndExitCode_asThroughPicocli() throws Exception {
        Path file = Files.writeString(home.resolve("not-a-folder"), "");
        int unused;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            unused = socket.getLocalPort();
        }
        Map<String, String> nobody = Map.of("CCOTEL_RECEIVER_PORT", Integer.toString(unused),
                "CCOTEL_RECEIVER_HTTP_PORT", Integer.toString(unused));
        Path emptyStore = home.resolve("empty.db");
        dev.ccotel.adapter.sqlite.SqliteStore.open(dev.ccotel.adapter.sqlite.StoreConfig.at(emptyStore, false),
                Clock.systemUTC()).close();
        record Case(String command, Map<String, String> setting, int exit) {}
        for (Case c : List.of(new Case("daemon", Map.of("CCOTEL_RECEIVER_PORT", "http"), 2), // a configuration error
                new Case("daemon", Map.of("CCOTEL_DELIVERY_MODE", "passthrough"), 2), // a token that is missing
                new Case("daemon", Map.of("CCOTEL_STORE_PATH", file.resolve("ccotel.db").toString()), 2), // not a folder
                new Case("status", nobody, StatusCommand.NOT_RUNNING),
                new Case("report", Map.of(), 0), // no store yet
                new Case("report", Map.of("CCOTEL_STORE_PATH", emptyStore.toString()), 0))) {
            List<String> ends = new ArrayList<>();
            for (String[] args : List.of(new String[] {c.command()}, new String[] {c.command(), "--"})) {
                env.clear();
                env.putAll(c.setting());
                out.reset();
                err.reset();
                ends.add(run(args) + " " + err() + " | " + out());
            }
            assertEquals(ends.get(1), ends.get(0), c.toString());
            assertTrue(ends.get(0).startsWith(c.exit() + " "), ends.get(0));
        }
    }

    @Test
    void shutdownGrace_isAConfigKey_readAsADuration_andANegativeOneIsRefused() {
        Map<String, String> environment = Map.of("HOME", home.toString(), "CCOTEL_RECEIVER_SHUTDOWN_GRACE", "2s");
        DaemonConfig config = DaemonConfig.from(Settings.load(Optional.empty(), environment, Map.of()), environment,
                "test", "host", true);
        env.put("CCOTEL_BACKEND_TOKEN", TOKEN);

        int code = run("--set", "receiver.shutdown-grace=PT-1S", "daemon", "--port", "0");

        assertEquals(Duration.ofSeconds(2), config.receiver().shutdownGrace());
        assertEquals(2, code);
        assertTrue(err().contains("receiver.shutdown-grace"), err());
    }

    @Test
    void missingToken_inPassthroughMode_stopsDaemonStartUp_sayingHowToSetIt_exit2() {
        assertEquals(2, run("--set", "delivery.mode=passthrough", "daemon", "--port", "0"));
        assertTrue(err().contains("CCOTEL_BACKEND_TOKEN"), err());
    }

    @Test
    void plainHttpToARemoteHost_isRefusedBeforeTheTokenIsSent_exit2() {
        env.put("CCOTEL_BACKEND_TOKEN", TOKEN);

        assertEquals(2, run("daemon", "--port", "0", "--backend-url", "http://example.com"));
        assertTrue(err().contains("backend.url"), err());
        assertFalse(err().contains(TOKEN));
    }

    @Test
    void version_printsTheVersion() {
        assertEquals(0, run("--version"));
        assertTrue(out().startsWith("ccotel "), out());
    }

    @Test
    void version_withoutPicocli_printsWhatPicocliPrints() {
        for (String flag : List.of("--version", "-V")) {
            ByteArrayOutputStream picocli = new ByteArrayOutputStream();
            PrintStream stream = new PrintStream(picocli, true, StandardCharsets.UTF_8);
            int code = Cli.commandLine(Map.of(), Clock.systemUTC(), stream, stream).execute(flag);
            ByteArrayOutputStream fast = new ByteArrayOutputStream();
            PrintStream fastStream = new PrintStream(fast, true, StandardCharsets.UTF_8);

            assertEquals(code, Cli.run(new String[] {flag}, Map.of(), Clock.systemUTC(), fastStream, fastStream), flag);
            assertEquals(picocli.toString(StandardCharsets.UTF_8), fast.toString(StandardCharsets.UTF_8), flag);
        }
    }

    @Test
    void ccInstall_usesTheConfiguredReceiverPort_andUninstallRemovesTheBlock() throws Exception {
        Path bashrc = home.resolve(".bashrc");
        Files.writeString(bashrc, "alias ll='ls -l'\n");
        env.put("CCOTEL_RECEIVER_PORT", "4999");

        assertEquals(0, run("cc", "install", "--shell", "bash"), err());
        String installed = Files.readString(bashrc);
        assertTrue(installed.contains("OTEL_EXPORTER_OTLP_ENDPOINT") && installed.contains("127.0.0.1:4999"), installed);

        assertEquals(0, run("cc", "uninstall", "--shell", "bash"), err());
        assertEquals("alias ll='ls -l'\n", Files.readString(bashrc));
    }
}
