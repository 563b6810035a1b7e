package dev.ccotel.app.perf;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end load: N gRPC clients export Claude-Code-shaped logs and metrics (alternately) to the
 * packaged daemon, started as a child process, whose backend is a minimal HTTP server on 127.0.0.1
 * answering 200: {@code --mode http} (the default: every export committed to the local store, then
 * forwarded from its outbox), {@code --mode passthrough} (nothing kept, the POST inside the call),
 * {@code --mode store} (no token: kept locally only), or {@code --mode dry-run} (output discarded:
 * no store, no HTTP hop). Bounded: it stops after {@code --warmup + --seconds}.
 *
 * <pre>
 *   --mode http|passthrough|store|dry-run (http)     --clients N (8)       --rate EXPORTS_PER_S (0 = as fast as possible)
 *   --seconds S (20)      --warmup S (5)                   --log-records N per logs export (10)
 *   --points N per metrics export (7)                      --jvm "daemon JVM options"
 * </pre>
 *
 * Latency is measured per Export call from its scheduled start (open loop with {@code --rate}, so a
 * client that falls behind counts its queueing too) to the response.
 */
public final class LoadGen {
    private static final long NS = 1_000_000_000L;

    public static void main(String[] args) throws Exception {
        String mode = "http";
        int clients = 8;
        double rate = 0;
        int seconds = 20;
        int warmup = 5;
        int logRecords = 10;
        int points = 7;
        List<String> jvm = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mode" -> mode = args[++i];
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--seconds" -> seconds = Math.min(600, Integer.parseInt(args[++i]));
                case "--warmup" -> warmup = Math.min(120, Integer.parseInt(args[++i]));
                case "--log-records" -> logRecords = Integer.parseInt(args[++i]);
                case "--points" -> points = Integer.parseInt(args[++i]);
                case "--jvm" -> jvm.addAll(Arrays.asList(args[++i].trim().split("\\s+")));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        jvm.removeIf(String::isEmpty);
        boolean http = mode.equals("http") || mode.equals("passthrough");
        Map<String, String> settings = switch (mode) {
            case "passthrough" -> Map.of("delivery.mode", "passthrough");
            case "store" -> Map.of("backend.token", "");
            case "http", "dry-run" -> Map.of();
            default -> throw new IllegalArgumentException("--mode http|passthrough|store|dry-run, not " + mode);
        };

        // The client's exports, built before the clock starts: 32 sessions per client, cycled.
        int pool = 32;
        long base = System.currentTimeMillis() * 1_000_000L;
        List<List<ExportLogsServiceRequest>> logs = new ArrayList<>();
        List<List<ExportMetricsServiceRequest>> metrics = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<ExportLogsServiceRequest> l = new ArrayList<>();
            List<ExportMetricsServiceRequest> m = new ArrayList<>();
            for (int k = 0; k < pool; k++) {
                String prefix = String.format("%08x", c);
                long t = base + (long) k * 60 * NS;
                l.add(Workloads.syntheticLogs(prefix, 1, logRecords, t).toBuilder().build());
                m.add(Workloads.syntheticMetrics(prefix, 1, points, t));
                // one session per (client, k): give it its own id
                l.set(k, Workloads.renameSession(l.get(k), prefix, c * pool + k));
                m.set(k, Workloads.renameSession(m.get(k), prefix, c * pool + k));
            }
            logs.add(l);
            metrics.add(m);
        }

        OkBackend backend = http ? new OkBackend() : null;

        Path jar = DaemonProcess.findJar();
        String backendUrl = http ? backend.url() : null;
        System.out.printf("mode=%s clients=%d rate=%s seconds=%d warmup=%d log-records/export=%d points/export=%d "
                        + "daemon-jvm=%s%n", mode, clients, rate == 0 ? "max" : Double.toString(rate), seconds, warmup,
                logRecords, points, jvm);
        try (DaemonProcess daemon = DaemonProcess.start(jar, jvm, backendUrl, settings)) {
            System.out.printf("daemon pid %d ready on port %d after %d ms, RSS %d MB%n", daemon.process.pid(),
                    daemon.port, daemon.readyNanos / 1_000_000, daemon.statusKb("VmRSS") / 1024);
            List<ManagedChannel> channels = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                channels.add(NettyChannelBuilder.forAddress("127.0.0.1", daemon.port).usePlaintext().build());
            }
            long start = System.nanoTime() + 200_000_000L;
            long measureFrom = start + warmup * NS;
            long end = measureFrom + seconds * NS;
            long interval = rate > 0 ? (long) (NS * clients / rate) : 0;
            int clientCount = clients;
            long[][] latencies = new long[clients][];
            long[] exportsOk = new long[clients];
            long[] logRecordsOk = new long[clients];
            long[] pointsOk = new long[clients];
            long[] failures = new long[clients];
            Map<String, LongAdder> failuresByCode = new ConcurrentHashMap<>();
            long[] lastFinish = new long[clients];
            CountDownLatch done = new CountDownLatch(clients);
            long[] cpuAtStart = new long[2];
            Thread marker = Thread.ofPlatform().start(() -> {
                LockSupport.parkNanos(measureFrom - System.nanoTime());
                cpuAtStart[0] = daemon.cpuMillis();
                cpuAtStart[1] = ownCpuMillis();
            });
            for (int c = 0; c < clients; c++) {
                int client = c;
                List<ExportLogsServiceRequest> myLogs = logs.get(c);
                List<ExportMetricsServiceRequest> myMetrics = metrics.get(c);
                Thread.ofPlatform().name("client-" + c).start(() -> {
                    LogsServiceGrpc.LogsServiceBlockingStub logsStub = LogsServiceGrpc.newBlockingStub(channels.get(client));
                    MetricsServiceGrpc.MetricsServiceBlockingStub metricsStub =
                            MetricsServiceGrpc.newBlockingStub(channels.get(client));
                    long[] lat = new long[1 << 16];
                    int n = 0;
                    long next = start + (interval > 0 ? interval * client / clientCount : 0); // spread the clients
                    long i = 0;
                    try {
                        while (true) {
                            long now = System.nanoTime();
                            if (interval > 0) {
                                if (next > now) {
                                    LockSupport.parkNanos(next - now);
                                }
                            } else {
                                next = now;
                            }
                            if (next >= end) {
                                break;
                            }
                            boolean isLogs = (i & 1) == 0;
                            int k = (int) ((i >> 1) % myLogs.size());
                            int records;
                            try {
                                if (isLogs) {
                                    ExportLogsServiceRequest r = myLogs.get(k);
                                    logsStub.withDeadlineAfter(30, TimeUnit.SECONDS).export(r);
                                    records = r.getResourceLogs(0).getScopeLogs(0).getLogRecordsCount();
                                } else {
                                    ExportMetricsServiceRequest r = myMetrics.get(k);
                                    metricsStub.withDeadlineAfter(30, TimeUnit.SECONDS).export(r);
                                    records = Workloads.dataPoints(r);
                                }
                            } catch (RuntimeException e) {
                                if (next >= measureFrom) {
                                    failures[client]++;
                                    failuresByCode.computeIfAbsent(Status.fromThrowable(e).getCode().name(),
                                            code -> new LongAdder()).increment();
                                }
                                records = -1;
                            }
                            long finished = System.nanoTime();
                            if (next >= measureFrom && records >= 0) {
                                if (n == lat.length) {
                                    lat = Arrays.copyOf(lat, n * 2);
                                }
                                lat[n++] = finished - next;
                                lastFinish[client] = finished;
                                exportsOk[client]++;
                                if (isLogs) {
                                    logRecordsOk[client] += records;
                                } else {
                                    pointsOk[client] += records;
                                }
                            }
                            i++;
                            next += interval;
                        }
                    } finally {
                        latencies[client] = Arrays.copyOf(lat, n);
                        done.countDown();
                    }
                });
            }
            done.await();
            // Exports scheduled in the window may finish after it when the daemon falls behind: the
            // rates are over the time until the last of them finished, not over the schedule.
            long measured = Math.max(end, Arrays.stream(lastFinish).max().orElse(end)) - measureFrom;
            marker.join();
            long daemonCpu = daemon.cpuMillis() - cpuAtStart[0];
            long ownCpu = ownCpuMillis() - cpuAtStart[1];
            long peakRss = daemon.statusKb("VmHWM");
            long rss = daemon.statusKb("VmRSS");
            for (ManagedChannel ch : channels) {
                ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }

            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            long exports = Arrays.stream(exportsOk).sum();
            long recs = Arrays.stream(logRecordsOk).sum();
            long pts = Arrays.stream(pointsOk).sum();
            double secs = measured / (double) NS;
            System.out.printf("measured %.1f s (exports scheduled in %d s): %d exports ok (%d failed) = %.0f exports/s; %.0f log records/s, "
                            + "%.0f data points/s, %.0f records/s in all%n", secs, seconds, exports,
                    Arrays.stream(failures).sum(), exports / secs, recs / secs, pts / secs, (recs + pts) / secs);
            System.out.printf("daemon CPU per export %.3f ms; failures by status %s%n",
                    exports == 0 ? 0 : (double) daemonCpu / exports, failuresByCode);
            System.out.printf("Export latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                    pct(all, 50), pct(all, 90), pct(all, 99), pct(all, 99.9), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
            System.out.printf("daemon CPU %.0f%% of one core (%.2f cores of %d), RSS now %d MB, peak RSS %d MB; "
                            + "load generator%s CPU %.2f cores%n", 100.0 * daemonCpu / (secs * 1000),
                    daemonCpu / (secs * 1000), Runtime.getRuntime().availableProcessors(), rss / 1024, peakRss / 1024,
                    http ? " + backend" : "", ownCpu / (secs * 1000));
            if (http) {
                System.out.printf("backend received %d requests, %d MB (all phases)%n", backend.requests(),
                        backend.bytes() >> 20);
            }
            Path db = daemon.home.resolve("data/ccotel/ccotel.db");
            if (java.nio.file.Files.exists(db)) {
                long size = java.nio.file.Files.size(db);
                Path wal = db.resolveSibling("ccotel.db-wal");
                long walSize = java.nio.file.Files.exists(wal) ? java.nio.file.Files.size(wal) : 0;
                System.out.printf("store %s: %d KB (+ %d KB WAL)%n", db, size >> 10, walSize >> 10);
            }
            String err = daemon.stderr();
            long warnings = err.lines().filter(l -> l.contains(" WARNING ") || l.contains(" SEVERE ")).count();
            System.out.printf("daemon stderr: %d lines, %d warnings/errors%n", err.lines().count(), warnings);
            err.lines().filter(l -> l.contains(" WARNING ") || l.contains(" SEVERE ")).limit(5).forEach(System.out::println);
        } finally {
            if (backend != null) {
                backend.close();
            }
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
        return sorted[Math.max(0, idx)] / 1e6;
    }

    static long ownCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }
}
