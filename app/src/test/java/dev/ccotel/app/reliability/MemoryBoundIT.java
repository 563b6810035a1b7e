package dev.ccotel.app.reliability;

import static dev.ccotel.domain.fixtures.Otlp.attrs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.app.reliability.RecordingBackend.Answer;
import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.fixtures.Otlp;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configured worst case at once: receiver.max-concurrent-calls (64) exports of nearly
 * receiver.max-message-bytes (4 MiB) each, held in flight by a slow backend, plus more beyond the
 * limit, against the packaged daemon started with a bounded heap ({@code -Dccotel.memory.xmx},
 * default 1g; Netty's direct memory is bounded by the same figure). The daemon answers every call
 * with OK or RESOURCE_EXHAUSTED and does not run out of memory. Measured by hand: with -Xmx512m or
 * 256m Netty's direct memory runs out instead, the HTTP/2 connection fails (its calls end INTERNAL or
 * UNAVAILABLE), and the daemon survives and serves the next connection (see docs/RELIABILITY.md);
 * the daemon warns about that at start-up.
 */
class MemoryBoundIT {
    private static final Path JAR = Path.of("target", "ccotel.jar").toAbsolutePath();
    private static final String XMX = System.getProperty("ccotel.memory.xmx", "1g");
    private static final int LIMIT = 64;
    private static final int EXTRA = 16;

    @TempDir
    Path home;

    private final RecordingBackend backend = new RecordingBackend();
    private Process daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.destroyForcibly();
        }
        backend.close();
    }

    @Test
    void maxConcurrentCallsOfMaxSizedExports_withASmallHeap_everyCallAnswered_noOutOfMemory() throws Exception {
        backend.answer(new Answer(200, null, Duration.ofSeconds(2)));
        int port = freePort();
        Path err = startDaemon(XMX, port);

        // One export just under 4 MiB: a single prompt string (not forwarded: privacy default).
        String text = "p".repeat(4 * 1024 * 1024 - 4 * 1024);
        ExportLogsServiceRequest big = Otlp.logs(Otlp.claudeCode(), List.of(Otlp.event(
                System.currentTimeMillis() * 1_000_000L,
                attrs("session.id", "mem-1", "event.name", "user_prompt", "prompt_length", text.length(), "prompt", text))));
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                .maxInboundMessageSize(16 * 1024 * 1024).build();
        Map<Status.Code, Integer> codes = new EnumMap<>(Status.Code.class);
        try {
            List<Future<ExportLogsServiceResponse>> calls = new ArrayList<>();
            for (int i = 0; i < LIMIT + EXTRA; i++) {
                calls.add(LogsServiceGrpc.newFutureStub(channel).withDeadlineAfter(120, TimeUnit.SECONDS).export(big));
            }
            for (Future<ExportLogsServiceResponse> call : calls) {
                try {
                    call.get(180, TimeUnit.SECONDS);
                    codes.merge(Status.Code.OK, 1, Integer::sum);
                } catch (ExecutionException e) {
                    codes.merge(Status.fromThrowable(e.getCause()).getCode(), 1, Integer::sum);
                }
            }
            LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                    .export(Fixtures.pbLogs("text-reply")); // still serving
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        String log = read(err);
        System.out.printf("[reliability] %d exports of %d bytes at once, -Xmx%s: %s; backend saw at most %d at once%n",
                LIMIT + EXTRA, big.getSerializedSize(), XMX, codes, backend.maxInFlight());
        assertTrue(daemon.isAlive(), "the daemon is still running: " + log);
        assertFalse(log.contains("OutOfMemoryError"), log);
        assertEquals(LIMIT + EXTRA, codes.getOrDefault(Status.Code.OK, 0)
                + codes.getOrDefault(Status.Code.RESOURCE_EXHAUSTED, 0), codes + "\n" + log);
        daemon.destroy();
        assertTrue(daemon.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, daemon.exitValue(), read(err));
    }

    @Test
    void defaultBoundsOnAHeapTooSmallForThem_warnAtStartUp_andOnA1gHeapDoNot() throws Exception {
        Path err = startDaemon("256m", freePort());
        String small = read(err);
        daemon.destroy();
        assertTrue(daemon.waitFor(60, TimeUnit.SECONDS));

        err = startDaemon("1g", freePort());
        String large = read(err);

        assertTrue(small.contains("receiver.max-concurrent-calls 64 x receiver.max-message-bytes 4194304 may need up "
                + "to 512 MiB of direct memory"), small);
        assertFalse(large.contains("direct memory"), large);
    }

    /** Starts the packaged daemon with the given -Xmx and default bounds; returns once it listens. */
    private Path startDaemon(String xmx, int port) throws Exception {
        assertTrue(Files.isRegularFile(JAR), "package the jar first: " + JAR);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx, "-XX:+ExitOnOutOfMemoryError", "-jar", JAR.toString(), "daemon", "--port",
                Integer.toString(port), "--backend-url", backend.url());
        pb.environment().keySet().removeIf(k -> k.startsWith("CCOTEL_") || k.startsWith("XDG_") || k.startsWith("JAVA_"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("CCOTEL_BACKEND_TOKEN", DaemonHarness.TOKEN);
        pb.environment().put("CCOTEL_DELIVERY_SPOOL_DIR", home.resolve("spool").toString());
        Path err = Files.createTempFile(home, "daemon", ".err");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        daemon = pb.start();
        assertTrue(RecordingBackend.await(Duration.ofSeconds(60), () -> read(err).contains("listening on")
                || !daemon.isAlive()) && daemon.isAlive(), read(err));
        return err;
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
