package dev.ccotel.app.reliability;

import static dev.ccotel.domain.fixtures.Otlp.attrs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.app.FakeBackend;
import dev.ccotel.app.FakeBackend.Answer;
import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.fixtures.Otlp;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
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
 * limit (which wait for a place), against the packaged daemon started with a bounded heap
 * ({@code -Dccotel.memory.xmx}, default 1g; Netty's direct memory is bounded by the same figure). The
 * daemon answers every call with OK or RESOURCE_EXHAUSTED and does not run out of memory. Measured by hand: with -Xmx512m or
 * 256m Netty's direct memory runs out instead, the HTTP/2 connection fails (its calls end INTERNAL or
 * UNAVAILABLE), and the daemon survives and serves the next connection (see docs/RELIABILITY.md);
 * the daemon warns about that at start-up.
 */
class MemoryBoundIT {
    private static final String XMX = System.getProperty("ccotel.memory.xmx", "1g");
    private static final int LIMIT = 64;
    private static final int EXTRA = 16;

    @TempDir
    Path home;

    private final FakeBackend backend = new FakeBackend();
    private PackagedDaemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.process().destroyForcibly();
        }
        backend.close();
    }

    @Test
    void maxConcurrentCallsOfMaxSizedExports_withASmallHeap_everyCallAnswered_noOutOfMemory() throws Exception {
        backend.answer(new Answer(200, null, Duration.ofSeconds(2)));
        daemon = start(XMX);
        int port = daemon.port();

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
        String log = daemon.err().toString();
        System.out.printf("[reliability] %d exports of %d bytes at once, -Xmx%s: %s; backend saw at most %d at once%n",
                LIMIT + EXTRA, big.getSerializedSize(), XMX, codes, backend.maxInFlight());
        assertTrue(daemon.process().isAlive(), "the daemon is still running: " + log);
        assertFalse(log.contains("OutOfMemoryError"), log);
        assertEquals(LIMIT + EXTRA, codes.getOrDefault(Status.Code.OK, 0)
                + codes.getOrDefault(Status.Code.RESOURCE_EXHAUSTED, 0), codes + "\n" + log);
        daemon.process().destroy();
        assertTrue(daemon.process().waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, daemon.process().exitValue(), daemon.err().toString());
    }

    @Test
    void defaultBoundsOnAHeapTooSmallForThem_warnAtStartUp_andOnA1gHeapDoNot() throws Exception {
        daemon = start("256m");
        String small = daemon.err().toString();
        daemon.process().destroy();
        assertTrue(daemon.process().waitFor(60, TimeUnit.SECONDS));

        daemon = start("1g");
        String large = daemon.err().toString();

        assertTrue(small.contains("receiver.max-concurrent-calls 64 x receiver.max-message-bytes 4194304, with up to 4"
                + " calls per place waiting for one, may need up to 768 MiB of direct memory"), small);
        assertFalse(large.contains("direct memory"), large);
    }

    @Test
    void fifteenHundredMegabyteSessionIds_at256m_everyExportAnswered_theDaemonServes_theHeapStaysSmall()
            throws Exception {
        daemon = start("256m");
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", daemon.port()).usePlaintext().build();
        Map<String, Integer> answers = new java.util.TreeMap<>();
        String filler = "s".repeat(1_000_000);
        try {
            for (int i = 0; i < 1_500; i++) {
                ExportLogsServiceRequest export = Otlp.logs(Otlp.claudeCode(), List.of(Otlp.event(
                        System.currentTimeMillis() * 1_000_000L,
                        attrs("session.id", i + filler, "event.name", "user_prompt", "prompt_length", 3))));
                ExportLogsServiceResponse r = LogsServiceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(30, TimeUnit.SECONDS).export(export); // throws unless answered
                answers.merge(r.getPartialSuccess().getRejectedLogRecords() == 1 ? "refused, told" : "other", 1,
                        Integer::sum);
            }
            LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                    .export(Fixtures.pbLogs("text-reply")); // still serving
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        long heapAfterGc = heapUsedAfterFullGc(daemon.process().pid());
        System.out.printf("[reliability] 1,500 exports with distinct 1 MB session ids, -Xmx256m: %s; heap after a"
                + " full GC %d MiB%n", answers, heapAfterGc >> 20);
        assertEquals(Map.of("refused, told", 1_500), answers);
        assertTrue(daemon.process().isAlive(), daemon.err().toString());
        assertTrue(heapAfterGc < 64L << 20, "heap after GC " + (heapAfterGc >> 20) + " MiB");
    }

    /** Used heap after {@code jcmd GC.run}, from {@code GC.heap_info}'s "used" figures, in bytes. */
    private static long heapUsedAfterFullGc(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
        Process info = new ProcessBuilder(jcmd, Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
        String text = new String(info.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        info.waitFor(60, TimeUnit.SECONDS);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^(?:DefNew|Tenured|\\S+ generation)\\s+total \\d+K, used (\\d+)K").matcher(text);
        long used = 0;
        int found = 0;
        while (m.find()) {
            used += Long.parseLong(m.group(1)) * 1024;
            found++;
        }
        assertTrue(found > 0, "no heap figures in: " + text);
        return used;
    }

    /** The packaged daemon with the given -Xmx and default bounds, once it listens. */
    private PackagedDaemon start(String xmx) throws java.io.IOException {
        return PackagedDaemon.start(home, List.of("-Xmx" + xmx, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"),
                backend.url(), Map.of());
    }
}
