package dev.ccotel.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.app.FakeBackend;
import dev.ccotel.app.cli.Cli;
import dev.ccotel.domain.fixtures.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ccotel status} against a running daemon, one whose HTTP listener is off, and none. */
class StatusCommandTest {
    @TempDir
    Path home;

    @RegisterExtension
    final DaemonFixture fixture = new DaemonFixture(() -> home);
    private final FakeBackend backend = fixture.backend;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private DaemonHarness daemon;

    /** {@code more} are options before the subcommand, then {@code status --json} when asked. */
    private int status(int grpcPort, int httpPort, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--set", "receiver.port=" + grpcPort,
                "--set", "receiver.http.port=" + httpPort));
        boolean json = java.util.Arrays.asList(more).contains("--json");
        java.util.Arrays.stream(more).filter(a -> !a.equals("--json")).forEach(args::add);
        args.add("status");
        if (json) {
            args.add("--json");
        }
        return Cli.run(args.toArray(String[]::new), Map.of("HOME", home.toString()), Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runningDaemon_exit0_saysWhereItListensSendsAndWhatWaits() {
        daemon = fixture.start(Map.of("delivery.mode", "store",
                "store.path", home.resolve("ccotel.db").toString()));
        daemon.export(Fixtures.pbLogs("text-reply"));

        assertEquals(0, status(daemon.port(), daemon.httpPort()));

        assertTrue(out().contains("is running (pid " + ProcessHandle.current().pid()), out());
        assertTrue(out().contains("otlp/grpc 127.0.0.1:" + daemon.port()), out());
        assertTrue(out().contains("local store"), out());
        assertTrue(out().contains(backend.url()), out());
        assertTrue(out().contains("outbox:"), out());
        assertTrue(out().contains("exports received: logs 1"), out());
    }

    @Test
    void json_printsTheStatusDocument() throws Exception {
        daemon = fixture.start(Map.of());

        assertEquals(0, status(daemon.port(), daemon.httpPort(), "--json"));

        assertEquals("127.0.0.1:" + daemon.port(),
                FakeBackend.JSON.readTree(out()).get("listeners").get(0).get("address").asText());
    }

    @Test
    void httpListenerOff_theGrpcHealthCheckStillTellsItRuns() {
        daemon = fixture.start(Map.of("receiver.http.enabled", "false"));

        assertEquals(0, status(daemon.port(), 4318, "--set", "receiver.http.enabled=false"));

        assertTrue(out().contains("gRPC health: SERVING"), out());
        assertTrue(out().contains("receiver.http.enabled"), out());
    }

    @Test
    void noDaemon_exit3_andSaysHowToStartOne() throws Exception {
        int[] free = twoClosedPorts();
        int a = free[0];
        int b = free[1];

        assertEquals(3, status(a, b));

        assertTrue(out().contains("no ccotel daemon runs: nothing listens on 127.0.0.1:" + a + " or 127.0.0.1:" + b),
                out());
        assertTrue(out().contains("ccotel service install"), out());
    }

    @Test
    void noDaemon_json_isJsonToo() throws Exception {
        int[] free = twoClosedPorts();
        int a = free[0];
        int b = free[1];

        assertEquals(3, status(a, b, "--json"));

        var json = FakeBackend.JSON.readTree(out());
        assertEquals(false, json.get("running").asBoolean(true), out());
        assertTrue(json.get("message").asText().contains("nothing listens"), out());
    }

    /** A daemon that takes longer than the first wait (a fresh JVM on a busy machine) is waited for, not called absent. */
    @Test
    void slowDaemon_isWaitedFor_sayingSo_andFoundRunning() throws Exception {
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slow.createContext("/status", exchange -> {
            FakeBackend.sleep(STATUS_FIRST_WAIT_MS + 1_500);
            byte[] body = ("{\"version\":\"9.9\",\"pid\":42,\"uptimeSeconds\":3,\"listeners\":[],"
                    + "\"destinations\":[],\"exports\":{}}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        slow.start();
        try {
            assertEquals(0, status(1, slow.getAddress().getPort()), out() + err);
            assertTrue(out().contains("ccotel 9.9 is running (pid 42"), out());
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("has not answered in 2 s (a busy machine?); waiting"),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            slow.stop(0);
        }
    }

    @Test
    void anotherProgramOnThePort_isNotCalledADaemon_norNoDaemon() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        other.start();
        try {
            assertEquals(1, status(1, other.getAddress().getPort()), out());
            assertTrue(out().contains("cannot tell whether a ccotel daemon runs") && out().contains("HTTP 404"), out());
        } finally {
            other.stop(0);
        }
    }

    /** Two ports that nothing listens on (bound together so that they differ, then closed). */
    private static int[] twoClosedPorts() throws java.io.IOException {
        try (ServerSocket s1 = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket s2 = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[] {s1.getLocalPort(), s2.getLocalPort()};
        }
    }

    /** DaemonProbe.FIRST_WAIT: the short wait before status says it waits longer. */
    private static final long STATUS_FIRST_WAIT_MS = 2_000;
}
