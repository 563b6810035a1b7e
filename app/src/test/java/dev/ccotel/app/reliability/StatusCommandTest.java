package dev.ccotel.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.app.cli.Cli;
import dev.ccotel.domain.fixtures.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ccotel status} against a running daemon, one whose HTTP listener is off, and none. */
class StatusCommandTest {
    @TempDir
    Path home;

    private final RecordingBackend backend = new RecordingBackend();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private DaemonHarness daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        backend.close();
    }

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
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runningDaemon_exit0_saysWhereItListensSendsAndWhatWaits() {
        daemon = DaemonHarness.start(home, backend.url(), Map.of("delivery.mode", "store",
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
        daemon = DaemonHarness.start(home, backend.url(), Map.of());

        assertEquals(0, status(daemon.port(), daemon.httpPort(), "--json"));

        assertEquals("127.0.0.1:" + daemon.port(),
                RecordingBackend.JSON.readTree(out()).get("listeners").get(0).get("address").asText());
    }

    @Test
    void httpListenerOff_theGrpcHealthCheckStillTellsItRuns() {
        daemon = DaemonHarness.start(home, backend.url(), Map.of("receiver.http.enabled", "false"));

        assertEquals(0, status(daemon.port(), 4318, "--set", "receiver.http.enabled=false"));

        assertTrue(out().contains("gRPC health: SERVING"), out());
        assertTrue(out().contains("receiver.http.enabled"), out());
    }

    @Test
    void noDaemon_exit3_andSaysHowToStartOne() throws Exception {
        int a;
        int b;
        try (ServerSocket s1 = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket s2 = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            a = s1.getLocalPort();
            b = s2.getLocalPort();
        }

        assertEquals(3, status(a, b));

        assertTrue(out().contains("no ccotel daemon answers"), out());
        assertTrue(out().contains("ccotel service install"), out());
    }
}
