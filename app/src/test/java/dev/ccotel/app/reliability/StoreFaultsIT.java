package dev.ccotel.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.app.FakeBackend;
import dev.ccotel.app.cli.Cli;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store faults a daemon cannot see by itself, each with real daemons and real files: a second
 * daemon started on a store that one already holds, the store deleted under a running daemon, and
 * what a person does next with {@code ccotel store}.
 */
class StoreFaultsIT {
    @TempDir
    Path home;

    private final FakeBackend backend = new FakeBackend();
    private PackagedDaemon first;

    @AfterEach
    void stop() throws Exception {
        if (first != null) {
            first.process().destroy();
            first.process().waitFor(60, TimeUnit.SECONDS);
        }
        backend.close();
    }

    @Test
    void secondDaemonOnTheSameStore_exitsTwoAtOnce_namingTheFirst_andForwardsNothing() throws Exception {
        first = PackagedDaemon.start(home, List.of(), backend.url(), Map.of());
        Path secondErr = home.resolve("second.err");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", PackagedDaemon.JAR.toString(), "daemon", "--port", "0", "--set", "receiver.http.port=0",
                "--backend-url", backend.url());
        pb.environment().keySet().removeIf(k -> k.startsWith("CCOTEL_") || k.startsWith("XDG_") || k.startsWith("JAVA_"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("CCOTEL_BACKEND_TOKEN", DaemonHarness.TOKEN);
        pb.environment().put("CCOTEL_STORE_PATH", home.resolve("ccotel.db").toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(secondErr.toFile());
        Process second = pb.start();
        try {
            assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second daemon stops by itself");
            String err = Files.readString(secondErr, StandardCharsets.UTF_8);
            assertEquals(2, second.exitValue(), err);
            assertTrue(err.contains("is in use by another ccotel (pid " + first.process().pid() + ", OTLP/gRPC 127.0.0.1:"
                    + first.port()), err);
            assertTrue(first.process().isAlive(), "the first daemon runs on");
        } finally {
            second.destroyForcibly();
        }
    }

    @Test
    void storeDeletedUnderARunningDaemon_exportsAreRefusedAndSaid_healthTellsSupervisors() throws Exception {
        first = PackagedDaemon.start(home, List.of(), backend.url(), Map.of());
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", first.port()).usePlaintext().build();
        try {
            ClaudeCodeShapes shapes = new ClaudeCodeShapes();
            for (int i = 0; i < 20; i++) {
                LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                        .export(shapes.turn(String.format("de1e7ed0-0000-4000-8000-%012d", i), 0.01));
            }

            Files.delete(home.resolve("ccotel.db"));

            int refusedCount = 0;
            for (int i = 20; i < 40; i++) {
                String session = String.format("de1e7ed0-0000-4000-8000-%012d", i);
                StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> LogsServiceGrpc
                        .newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                        .export(shapes.turn(session, 0.01)), "acknowledged into a deleted store");
                assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
                assertTrue(refused.getStatus().getDescription().contains("was deleted"), refused.getStatus().toString());
                refusedCount++;
            }
            System.out.printf("[reliability] store deleted under a running daemon: 20 exports acknowledged before it,"
                    + " then %d of 20 refused UNAVAILABLE and none acknowledged into the deleted file%n", refusedCount);
            assertTrue(FakeBackend.await(Duration.ofSeconds(30), () -> first.err().toString().contains("SEVERE")
                    && first.err().toString().contains("was deleted while the daemon ran")), first.err().toString());
            HttpResponse<String> health = get(first.httpPort(), "/healthz");
            assertEquals(503, health.statusCode(), health.body());
            assertTrue(health.body().contains("was deleted"), health.body());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void storeCommands_backupThenCheck_onARunningDaemonsStore() throws Exception {
        first = PackagedDaemon.start(home, List.of(), backend.url(), Map.of());
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", first.port()).usePlaintext().build();
        try {
            LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                    .export(new ClaudeCodeShapes().turn("bac0bac0-0000-4000-8000-000000000001", 0.02));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        Path copy = home.resolve("copy.db");
        Map<String, String> env = Map.of("HOME", home.toString(), "CCOTEL_STORE_PATH", home.resolve("ccotel.db").toString());

        Run backup = run(env, "store", "backup", copy.toString());
        assertEquals(Cli.OK, backup.exit(), backup.toString());
        Run check = run(Map.of("HOME", home.toString(), "CCOTEL_STORE_PATH", copy.toString()), "store", "check");
        assertEquals(Cli.OK, check.exit(), check.toString());
        assertTrue(check.out().contains(copy + ": ok"), check.toString());
        Run recover = run(env, "store", "recover");
        assertEquals(Cli.USAGE, recover.exit(), "the daemon holds the store: " + recover);
        assertTrue(recover.err().contains("in use by another ccotel (pid " + first.process().pid()), recover.toString());
        assertTrue(!recover.err().contains("recovering"), "nothing was begun: " + recover);
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(args, env, Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
