package dev.ccotel.app.perf;

import dev.ccotel.adapter.postgres.PostgresConfig;
import dev.ccotel.adapter.postgres.PostgresExtension;
import dev.ccotel.app.compose.HubComposition;
import dev.ccotel.app.hub.ContractBodies;
import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.fixtures.FreshSession;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hub's scale benchmark (issue 26, item 6; docs/SCALING.md): N members send real fixture exports
 * at once over HTTP to the packaged hub ({@code app/target/ccotel.jar hub}, a child process on a free
 * loopback port, so its CPU time is its own) on PostgreSQL, each member one new session after another:
 * the backend contract as a daemon forwards it ({@code POST /api/v1/cc/otel}, the write-file capture
 * folded by the daemon's own mapper), raw OTLP/HTTP ({@code /v1/logs} and {@code /v1/metrics},
 * protobuf, folded at the hub), or both in turn. Bounded in count ({@code --exports}) and time
 * ({@code --seconds}), after an unmeasured {@code --warmup}. Prints exports/s and the hub process's
 * CPU seconds per export. Without {@code --database-url} it starts a temporary PostgreSQL (the tests'
 * cluster: {@code fsync=off}) and stops it at the end.
 *
 * <pre>
 *   --members N (8)   --path contract|otlp|both (both)   --exports N measured, 0 = no bound (0)
 *   --seconds S (20, at most 600)   --warmup S (5)   --jvm "hub JVM options"
 *   --database-url JDBC_URL --database-user U --database-password P   (an empty database of your own)
 * </pre>
 *
 * The hub's per-member rate bound is off for the run ({@code hub.max-requests-per-second: 0}): one
 * generator member sends far more than a person does, and a 429 measures nothing.
 */
public final class HubLoadGen {
    public static void main(String[] args) throws Exception {
        int members = 8;
        String path = "both";
        long exports = 0;
        int seconds = 20;
        int warmup = 5;
        List<String> jvm = new ArrayList<>();
        String url = null;
        String user = "";
        String password = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--members" -> members = Integer.parseInt(args[++i]);
                case "--path" -> path = args[++i];
                case "--exports" -> exports = Long.parseLong(args[++i]);
                case "--seconds" -> seconds = Math.min(600, Integer.parseInt(args[++i]));
                case "--warmup" -> warmup = Math.min(120, Integer.parseInt(args[++i]));
                case "--jvm" -> jvm.addAll(List.of(args[++i].trim().split("\\s+")));
                case "--database-url" -> url = args[++i];
                case "--database-user" -> user = args[++i];
                case "--database-password" -> password = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        jvm.removeIf(String::isEmpty);
        if (!List.of("contract", "otlp", "both").contains(path) || members < 1 || exports < 0 || seconds < 1) {
            throw new IllegalArgumentException("--path contract|otlp|both, --members >= 1, --exports >= 0, --seconds >= 1");
        }
        PostgresExtension.Standalone cluster = url == null ? PostgresExtension.standalone() : null;
        try {
            PostgresConfig db = cluster != null ? cluster.newDatabase() : new PostgresConfig(url, user, password);
            run(db, members, path, exports, seconds, warmup, jvm);
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    private static void run(PostgresConfig db, int memberCount, String path, long bound, int seconds, int warmup,
            List<String> jvm) throws Exception {
        try (HubProcess hub = HubProcess.start(DaemonProcess.findJar(), jvm, db)) {
            List<String> tokens = new ArrayList<>();
            try (HubComposition.Members members = HubComposition.members(new dev.ccotel.app.config.HubDatabase.PostgreSql(db),
                    Clock.systemUTC())) {
                for (int i = 0; i < memberCount; i++) {
                    tokens.add(members.add().add("load-" + i).orElseThrow(() -> new IllegalStateException(
                            "the database already has members: give the load generator an empty one")).token());
                }
            }
            Load load = new Load("http://127.0.0.1:" + hub.port, path);
            List<Thread> senders = new ArrayList<>();
            for (String token : tokens) {
                senders.add(Thread.ofPlatform().name("member-" + senders.size()).start(() -> load.send(token)));
            }
            Thread.sleep(Duration.ofSeconds(warmup));
            long cpu0 = hub.cpuNanos();
            long t0 = System.nanoTime();
            long ok0 = load.ok.sum();
            long end = t0 + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < end && (bound == 0 || load.ok.sum() - ok0 < bound) && !load.failed()) {
                Thread.sleep(5);
            }
            long ok = load.ok.sum() - ok0;
            long t1 = System.nanoTime();
            long cpu1 = hub.cpuNanos();
            load.stop.set(true);
            for (Thread t : senders) {
                t.join(Duration.ofSeconds(60));
            }
            double wall = (t1 - t0) / 1e9;
            double cpu = (cpu1 - cpu0) / 1e9;
            System.out.printf("HUBLOAD members=%d path=%s exports=%d seconds=%.1f exports/s=%.0f hubCpuSeconds=%.2f"
                    + " hubCpuMsPerExport=%.3f hubCores=%.2f notOk=%s errors=%d%n", memberCount, path, ok, wall,
                    ok / wall, cpu, ok == 0 ? 0 : cpu * 1000 / ok, cpu / wall, new TreeMap<>(load.notOk),
                    load.errors.sum());
            if (load.firstError != null) {
                System.out.println("first error: " + load.firstError);
            }
        }
    }

    /** What every member's thread does, and what they counted. */
    private static final class Load {
        final String base;
        final String path;
        final AtomicBoolean stop = new AtomicBoolean();
        final LongAdder ok = new LongAdder();
        final LongAdder errors = new LongAdder();
        final Map<Integer, LongAdder> notOk = new ConcurrentHashMap<>();
        volatile String firstError;
        final ExportLogsServiceRequest logs = Fixtures.pbLogs("write-file");
        final ExportMetricsServiceRequest metrics = Fixtures.pbMetrics("write-file");

        Load(String base, String path) {
            this.base = base;
            this.path = path;
        }

        boolean failed() {
            return errors.sum() > 0;
        }

        /** One new session after another, until told to stop or a request fails outright. */
        void send(String token) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            boolean contract = !path.equals("otlp");
            try {
                while (!stop.get()) {
                    String session = UUID.randomUUID().toString();
                    if (contract) {
                        for (byte[] body : ContractBodies.of(FreshSession.logs(logs, session),
                                FreshSession.metrics(metrics, session), "load-host")) {
                            post(client, token, "/api/v1/cc/otel", "application/json", body);
                        }
                    } else {
                        post(client, token, "/v1/logs", "application/x-protobuf",
                                FreshSession.logs(logs, session).toByteArray());
                        post(client, token, "/v1/metrics", "application/x-protobuf",
                                FreshSession.metrics(metrics, session).toByteArray());
                    }
                    contract = path.equals("both") ? !contract : contract;
                }
            } catch (Exception e) {
                errors.increment();
                if (firstError == null) {
                    firstError = e.toString();
                }
            }
        }

        private void post(HttpClient client, String token, String to, String type, byte[] body) throws Exception {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(base + to))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 200) {
                ok.increment();
            } else {
                notOk.computeIfAbsent(r.statusCode(), k -> new LongAdder()).increment();
            }
        }
    }
}
