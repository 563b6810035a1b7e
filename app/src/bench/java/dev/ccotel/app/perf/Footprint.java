package dev.ccotel.app.perf;

import com.sun.net.httpserver.HttpServer;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up and idle footprint of the packaged daemon (backend: a local HTTP server answering 200):
 * time from process start to the gRPC port accepting connections, RSS when ready, RSS after a
 * little work (the 8 fixture exports, 50 times), then RSS and CPU over an idle period.
 *
 * <pre>
 *   --runs N (5)   --idle S (60)   --jvm "daemon JVM options"
 *   --train        one unmeasured start first (to create a -XX:SharedArchiveFile archive)
 *   --set K=V      a config setting for the daemon, repeatable: delivery.mode=passthrough, or
 *                  backend.token= (empty: no backend, the daemon only stores)
 * </pre>
 */
public final class Footprint {
    public static void main(String[] args) throws Exception {
        int runs = 5;
        int idle = 60;
        boolean train = false;
        List<String> jvm = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Math.min(20, Integer.parseInt(args[++i]));
                case "--idle" -> idle = Math.min(1800, Integer.parseInt(args[++i]));
                case "--train" -> train = true;
                case "--set" -> {
                    String[] kv = args[++i].split("=", 2);
                    settings.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
                case "--jvm" -> jvm.addAll(Arrays.asList(args[++i].trim().split("\\s+")));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        jvm.removeIf(String::isEmpty);
        HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        byte[] ok = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
        backend.createContext("/api/v1/cc/otel", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, ok.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(ok);
            }
        });
        backend.start();
        String url = "http://127.0.0.1:" + backend.getAddress().getPort();
        Path jar = DaemonProcess.findJar();
        List<ExportLogsServiceRequest> logs = Workloads.fixtureLogs();
        List<ExportMetricsServiceRequest> metrics = Workloads.fixtureMetrics();
        System.out.printf("daemon-jvm=%s settings=%s runs=%d idle=%ds%n", jvm, settings, runs, idle);
        try {
            if (train) {
                try (DaemonProcess d = DaemonProcess.start(jar, jvm, url, settings)) {
                    work(d, logs, metrics);
                    System.out.printf("training run: ready after %d ms%n", d.readyNanos / 1_000_000);
                }
            }
            long[] ready = new long[runs];
            for (int r = 0; r < runs; r++) {
                try (DaemonProcess d = DaemonProcess.start(jar, jvm, url, settings)) {
                    ready[r] = d.readyNanos / 1_000_000;
                    long rssReady = d.statusKb("VmRSS");
                    long cpuReady = d.cpuMillis();
                    boolean last = r == runs - 1;
                    if (!last) {
                        System.out.printf("run %d: ready after %d ms, RSS %d MB, CPU to ready %d ms%n", r, ready[r],
                                rssReady / 1024, cpuReady);
                        continue;
                    }
                    work(d, logs, metrics);
                    Thread.sleep(2_000);
                    long rssWorked = d.statusKb("VmRSS");
                    long cpu0 = d.cpuMillis();
                    long t0 = System.nanoTime();
                    long minRss = Long.MAX_VALUE;
                    long maxRss = 0;
                    for (int s = 0; s < idle; s++) {
                        Thread.sleep(1_000);
                        long rss = d.statusKb("VmRSS");
                        minRss = Math.min(minRss, rss);
                        maxRss = Math.max(maxRss, rss);
                    }
                    double secs = (System.nanoTime() - t0) / 1e9;
                    long cpuIdle = d.cpuMillis() - cpu0;
                    System.out.printf("run %d: ready after %d ms, RSS %d MB, CPU to ready %d ms; after 400 exports RSS "
                                    + "%d MB; idle %.0f s: RSS %d..%d MB at the end %d MB, CPU %d ms = %.2f%% of a core, "
                                    + "threads %d, peak RSS %d MB%n", r, ready[r], rssReady / 1024, cpuReady,
                            rssWorked / 1024, secs, minRss / 1024, maxRss / 1024, d.statusKb("VmRSS") / 1024, cpuIdle,
                            100.0 * cpuIdle / (secs * 1000), d.statusKb("Threads"), d.statusKb("VmHWM") / 1024);
                }
            }
            long[] sorted = ready.clone();
            Arrays.sort(sorted);
            System.out.printf("ready ms: min %d, median %d, max %d%n", sorted[0], sorted[sorted.length / 2],
                    sorted[sorted.length - 1]);
        } finally {
            backend.stop(0);
        }
    }

    private static void work(DaemonProcess d, List<ExportLogsServiceRequest> logs, List<ExportMetricsServiceRequest> metrics)
            throws InterruptedException {
        ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", d.port).usePlaintext().build();
        try {
            var l = LogsServiceGrpc.newBlockingStub(ch);
            var m = MetricsServiceGrpc.newBlockingStub(ch);
            for (int i = 0; i < 50; i++) {
                for (int s = 0; s < logs.size(); s++) {
                    l.withDeadlineAfter(30, TimeUnit.SECONDS).export(logs.get(s));
                    m.withDeadlineAfter(30, TimeUnit.SECONDS).export(metrics.get(s));
                }
            }
        } finally {
            ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
