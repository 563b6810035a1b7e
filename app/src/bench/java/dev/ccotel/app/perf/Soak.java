package dev.ccotel.app.perf;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady-load soak: clients export at a fixed total rate for {@code --seconds}, every logs +
 * metrics pair under a session id never used before, so the daemon's session ledger fills up to
 * {@code sessions.max} and then evicts for the rest of the run. Every {@code --sample} seconds it
 * forces a full GC in the daemon ({@code jcmd GC.run}) and prints the heap in use after it
 * ({@code jstat -gc}), RSS, threads and CPU: flat lines after the ledger is full mean nothing grows.
 *
 * <pre>
 *   --seconds S (600)  --rate EXPORTS_PER_S (200)  --clients N (4)  --sample S (30)  --jvm "daemon JVM options"
 * </pre>
 */
public final class Soak {
    private static final long NS = 1_000_000_000L;

    public static void main(String[] args) throws Exception {
        int seconds = 600;
        double rate = 200;
        int clients = 4;
        int sample = 30;
        List<String> jvm = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--sample" -> sample = Integer.parseInt(args[++i]);
                case "--jvm" -> jvm.addAll(Arrays.asList(args[++i].trim().split("\\s+")));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        jvm.removeIf(String::isEmpty);

        // Templates: one session's logs (10 records) and metrics (7 points) export; renamed per pair.
        long base = System.currentTimeMillis() * 1_000_000L;
        ExportLogsServiceRequest logsTemplate = Workloads.syntheticLogs("50a50a50", 1, 10, base);
        ExportMetricsServiceRequest metricsTemplate = Workloads.syntheticMetrics("50a50a50", 1, 7, base);

        System.out.printf("soak: %d s at %.0f exports/s from %d clients, a new session per logs+metrics pair; "
                + "daemon-jvm=%s%n", seconds, rate, clients, jvm);
        try (OkBackend backend = new OkBackend();
                DaemonProcess daemon = DaemonProcess.start(DaemonProcess.findJar(), jvm, backend.url())) {
            AtomicLong exports = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            long start = System.nanoTime() + 200_000_000L;
            long end = start + seconds * NS;
            long interval = (long) (NS * clients / rate);
            List<Thread> threads = new ArrayList<>();
            int clientCount = clients;
            for (int c = 0; c < clients; c++) {
                int client = c;
                threads.add(Thread.ofPlatform().name("soak-" + c).start(() -> {
                    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", daemon.port).usePlaintext().build();
                    var logs = LogsServiceGrpc.newBlockingStub(channel);
                    var metrics = MetricsServiceGrpc.newBlockingStub(channel);
                    long next = start + interval * client / clientCount;
                    for (long i = 0; next < end; i++, next += interval) {
                        LockSupport.parkNanos(next - System.nanoTime());
                        int session = (int) (client * 10_000_000L + i / 2);
                        try {
                            if ((i & 1) == 0) {
                                logs.withDeadlineAfter(30, TimeUnit.SECONDS)
                                        .export(Workloads.renameSession(logsTemplate, "50a50a50", session));
                            } else {
                                metrics.withDeadlineAfter(30, TimeUnit.SECONDS)
                                        .export(Workloads.renameSession(metricsTemplate, "50a50a50", session));
                            }
                            exports.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                        }
                    }
                    channel.shutdownNow();
                }));
            }

            System.out.println("   t s   exports  failed  sessions  heap after full GC MB  metaspace MB  RSS MB  "
                    + "threads  daemon CPU %");
            long lastCpu = daemon.cpuMillis();
            long lastAt = System.nanoTime();
            while (threads.stream().anyMatch(Thread::isAlive)) {
                Thread.sleep(Math.min(sample * 1000L, Math.max(1, (end - System.nanoTime()) / 1_000_000 + 500)));
                long cpu = daemon.cpuMillis();
                long at = System.nanoTime();
                double cpuPercent = 100.0 * (cpu - lastCpu) / ((at - lastAt) / 1e6);
                lastCpu = cpu;
                lastAt = at;
                jdkTool("jcmd", Long.toString(daemon.process.pid()), "GC.run");
                Map<String, Double> gc = jstat(daemon.process.pid());
                double heap = (gc.get("S0U") + gc.get("S1U") + gc.get("EU") + gc.get("OU")) / 1024;
                System.out.printf("%6.0f  %8d  %6d  %8d  %21.1f  %12.1f  %6d  %7d  %12.1f%n",
                        (at - start) / 1e9, exports.get(), failures.get(), exports.get() / 2, heap,
                        gc.get("MU") / 1024, daemon.statusKb("VmRSS") / 1024, daemon.statusKb("Threads"),
                        cpuPercent);
            }
            for (Thread t : threads) {
                t.join();
            }
            System.out.printf("done: %d exports ok, %d failed, backend received %d requests, peak RSS %d MB%n",
                    exports.get(), failures.get(), backend.requests(), daemon.statusKb("VmHWM") / 1024);
            String err = daemon.stderr();
            err.lines().filter(l -> l.contains(" WARNING ") || l.contains(" SEVERE ")).limit(5)
                    .forEach(System.out::println);
        }
    }

    /** {@code jstat -gc PID}: column name to value (KB for sizes). */
    private static Map<String, Double> jstat(long pid) throws IOException, InterruptedException {
        String[] lines = jdkTool("jstat", "-gc", Long.toString(pid)).strip().split("\n");
        String[] names = lines[0].trim().split("\\s+");
        String[] values = lines[lines.length - 1].trim().split("\\s+");
        Map<String, Double> out = new HashMap<>();
        for (int i = 0; i < names.length && i < values.length; i++) {
            try {
                out.put(names[i], Double.parseDouble(values[i]));
            } catch (NumberFormatException dash) {
                out.put(names[i], 0.0); // "-" for a space the collector does not have
            }
        }
        return out;
    }

    private static String jdkTool(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", tool).toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(tool + " " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    private Soak() {}
}
