package dev.ccotel.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.app.FakeBackend;
import dev.ccotel.app.config.ConfigError;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.app.config.Settings;
import dev.ccotel.app.FakeBackend.Answer;
import dev.ccotel.app.runtime.Version;
import dev.ccotel.domain.fixtures.Fixtures;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The security defaults, end to end: loopback bind, the token kept secret, prompts and tool input private. */
class SecurityTest {
    private static final String TOKEN = DaemonHarness.TOKEN;

    @TempDir
    Path home;
    @TempDir
    Path spool;

    @RegisterExtension
    final DaemonFixture fixture = new DaemonFixture(() -> home);
    private final FakeBackend backend = fixture.backend;
    private final List<DaemonHarness> daemons = new ArrayList<>();

    private DaemonHarness start(String url, Map<String, String> flags) {
        DaemonHarness d = fixture.start(url, flags);
        daemons.add(d);
        return d;
    }

    private static Optional<InetAddress> nonLoopbackLocalAddress() throws IOException {
        return NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isUp() && !i.isLoopback();
            } catch (IOException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !(a instanceof Inet6Address))
                .findFirst();
    }

    @Test
    void defaultConfig_listensOnLoopbackOnly() {
        Map<String, String> env = Map.of("HOME", home.toString(), "CCOTEL_BACKEND_TOKEN", TOKEN);
        DaemonConfig config = DaemonConfig.from(Settings.load(Optional.empty(), env, Map.of()), env, Version.VALUE,
                "h", false);

        assertEquals("127.0.0.1", config.receiver().host());
        assertEquals(java.util.Set.of(), config.mapping().keptContent(), "no content is kept or forwarded");
        assertFalse(config.toString().contains(TOKEN), "the config record does not show the token");
    }

    @Test
    void runningDaemon_isNotReachableOnANonLoopbackAddressOfThisMachine() throws IOException {
        Optional<InetAddress> other = nonLoopbackLocalAddress();
        Assumptions.assumeTrue(other.isPresent(), "this machine has no non-loopback address");
        DaemonHarness d = start(backend.url(), Map.of()); // receiver.host left at its default

        d.export(Fixtures.pbLogs("text-reply")); // reachable on loopback
        try (Socket s = new Socket()) {
            IOException e = assertThrows(IOException.class,
                    () -> s.connect(new InetSocketAddress(other.get(), d.port()), 3_000));
            assertTrue(e instanceof ConnectException || e instanceof SocketTimeoutException, e.toString());
        }
        System.out.printf("[reliability] not reachable on %s:%d%n", other.get().getHostAddress(), d.port());
    }

    @Test
    void bindingToANonLoopbackAddress_logsAWarning() throws IOException {
        String host = nonLoopbackLocalAddress().map(InetAddress::getHostAddress).orElse("0.0.0.0");
        DaemonHarness d = start(backend.url(), Map.of("receiver.host", host));

        assertTrue(d.log.text().contains("is not a loopback address"), d.log.text());
    }

    @Test
    void plainHttpToANonLoopbackHost_isRefusedAtStartUp_withoutShowingTheToken() {
        Map<String, String> env = Map.of("HOME", home.toString(), "CCOTEL_BACKEND_TOKEN", TOKEN);
        for (String url : List.of("http://10.1.2.3", "http://192.168.0.10:8080", "http://[fe80::1]",
                "http://localhost.example.com", "http://127.0.0.1.nip.io", "HTTP://example.com")) {
            ConfigError e = assertThrows(ConfigError.class, () -> DaemonConfig.from(
                    Settings.load(Optional.empty(), env, Map.of("backend.url", url)), env, Version.VALUE, "h", false), url);
            assertTrue(e.getMessage().contains("backend.url"), e.getMessage());
            assertFalse(e.getMessage().contains(TOKEN));
        }
        for (String url : List.of("http://127.0.0.1:9", "http://localhost:9", "http://[::1]:9", "https://example.com")) {
            DaemonConfig.from(Settings.load(Optional.empty(), env, Map.of("backend.url", url)), env, Version.VALUE, "h",
                    false);
        }
    }

    @Test
    void theTokenIsNeverInLogsStderrOrErrors_withAFailingAndARefusingBackend() throws Exception {
        Logger ccotel = Logger.getLogger("dev.ccotel");
        Level previous = ccotel.getLevel();
        ccotel.setLevel(Level.ALL); // debug output too
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        List<String> clientSaw = new ArrayList<>();
        List<String> logs = new ArrayList<>();
        try {
            backend.echoAuthorization = true;
            // 1. a backend that is down; 2. one answering 500 (echoing the token); 3. one answering 401.
            int closed;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = s.getLocalPort();
            }
            DaemonHarness down = start("http://127.0.0.1:" + closed, Map.of());
            clientSaw.add(assertThrows(StatusRuntimeException.class, () -> down.export(Fixtures.pbLogs("bash-tool")))
                    .getStatus().toString());

            backend.answer(Answer.of(500));
            DaemonHarness failing = start(backend.url(), Map.of());
            clientSaw.add(assertThrows(StatusRuntimeException.class, () -> failing.export(Fixtures.pbLogs("bash-tool")))
                    .getStatus().toString());

            backend.answer(Answer.of(503));
            DaemonHarness spooling = start(backend.url(), Map.of("delivery.mode", "store",
                    "store.path", spool.resolve("ccotel.db").toString(), "delivery.retry-budget", "200ms"));
            spooling.export(Fixtures.pbMetrics("bash-tool"));

            backend.answer(Answer.of(401));
            DaemonHarness refused = start(backend.url(), Map.of());
            String refusal = assertThrows(StatusRuntimeException.class,
                    () -> refused.export(Fixtures.pbLogs("bash-tool"))).getStatus().toString();
            clientSaw.add(refusal);
            assertTrue(refusal.contains("token"), refusal);

            assertTrue(backend.received().stream().anyMatch(x -> x.body().length() > 0
                    && x.headers().get("Authorization").equals(List.of("CLI " + TOKEN))), "the token was really sent");
            for (DaemonHarness d : daemons) {
                logs.add(d.log.text());
            }
        } finally {
            System.setErr(originalErr);
            ccotel.setLevel(previous);
        }
        String all = String.join("\n", logs) + err.toString(StandardCharsets.UTF_8) + String.join("\n", clientSaw);
        assertTrue(all.contains("401") || all.contains("refused the token"), "the refusal was logged: " + all);
        assertTrue(all.contains("scripted 500 for"), "the echoing error body reached the log (masked)");
        assertFalse(all.contains(TOKEN), "the token leaked:\n" + all);
        assertFalse(all.contains(TOKEN.substring(0, 12)), "part of the token leaked");
        try (Stream<Path> files = Files.walk(spool)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(TOKEN), f.toString());
            }
        }
        System.out.printf("[reliability] token scan: %d chars of logs, stderr and client-visible errors, no token%n",
                all.length());
    }

    @Test
    void promptsAndToolInput_stayLocalByDefault_andAreForwardedWhenEnabled() {
        DaemonHarness privateDaemon = start(backend.url(), Map.of());
        privateDaemon.export(Fixtures.pbLogs("bash-tool"));
        privateDaemon.export(Fixtures.pbMetrics("bash-tool"));
        String privateBodies = String.join("\n", backend.received().stream().map(FakeBackend.Received::body).toList());
        assertEquals(2, backend.accepted().size());
        assertTrue(privateBodies.contains("\"promptLength\""), "the length is still forwarded");
        assertFalse(privateBodies.contains("RUNBASH"), "prompt text stays local");
        assertFalse(privateBodies.contains("telemetry-check"), "tool input stays local");

        DaemonHarness open = start(backend.url(), Map.of("privacy.forward-prompts", "true",
                "privacy.forward-tool-input", "true"));
        open.export(Fixtures.pbLogs("bash-tool"));
        String openBody = backend.received().get(2).body();
        assertTrue(openBody.contains("Please RUNBASH now"), "prompt forwarded when enabled");
        assertTrue(openBody.contains("echo telemetry-check"), "tool input forwarded when enabled");
    }

    private int cli(Map<String, String> env, ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return dev.ccotel.app.cli.Cli.run(args, env, java.time.Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void ccotelConfigAndStartUpErrors_neverPrintTheToken_whicheverSourceItCameFrom() throws Exception {
        Path file = home.resolve("config.yaml");
        Files.writeString(file, "backend:\n  token: " + TOKEN + "\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Map<String, String> plainEnv = Map.of("HOME", home.toString());
        Map<String, String> tokenEnv = Map.of("HOME", home.toString(), "CCOTEL_BACKEND_TOKEN", TOKEN);
        List<String[]> runs = List.of(
                new String[] {"config"},
                new String[] {"-v", "config"},
                new String[] {"--set", "backend.token=" + TOKEN, "config"},
                new String[] {"--config", file.toString(), "-v", "config"},
                new String[] {"--set", "backend.token=" + TOKEN + "\u00e9", "daemon", "--port", "0"},
                new String[] {"--set", "backend.token=" + TOKEN, "daemon", "--port", "0", "--backend-url",
                        "http://10.9.8.7"},
                new String[] {"--set", "backend.token=" + TOKEN, "--set", "backend.timeout=45s", "daemon", "--port", "0"},
                new String[] {"--set", "backend.token=" + TOKEN, "--set", "receiver.port=99999", "daemon"});
        for (String[] args : runs) {
            for (Map<String, String> env : List.of(plainEnv, tokenEnv)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int code = cli(env, out, err, args);
                String shown = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
                assertFalse(shown.contains(TOKEN.substring(0, 12)), String.join(" ", args) + " showed the token:\n" + shown);
                if (args[args.length - 1].equals("config")) {
                    // config checks as the daemon does; without a token the daemon stores locally, so that is valid
                    assertEquals(0, code, shown);
                    assertTrue(shown.contains("receiver.host: 127.0.0.1  # default"), shown);
                } else {
                    assertEquals(2, code, String.join(" ", args) + ": " + shown);
                }
            }
        }
    }
}
