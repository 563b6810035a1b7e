package dev.ccotel.app.perf;

import com.sun.net.httpserver.HttpServer;
import dev.ccotel.adapter.httpout.HttpPublishers;
import dev.ccotel.adapter.httpout.client.HttpOutConfig;
import dev.ccotel.adapter.httpout.wire.WireEncoder;
import dev.ccotel.adapter.sqlite.SqliteStore;
import dev.ccotel.adapter.sqlite.StoreConfig;
import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import dev.ccotel.ports.in.ForwardRound;
import dev.ccotel.ports.in.IngestLogsCommand;
import dev.ccotel.ports.in.IngestMetricsCommand;
import dev.ccotel.ports.service.forward.ForwardPendingService;
import dev.ccotel.ports.service.ingest.ExportPipeline;
import dev.ccotel.ports.service.ingest.IngestLogsService;
import dev.ccotel.ports.service.ingest.IngestMetricsService;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fast the outbox drains after an outage (issue 28, item 5): a backlog of {@code --requests N}
 * real contract bodies (the captured fixtures through the real ingest path) spread over
 * {@code --sessions S} sessions, written in turn as a daemon writes them while several sessions run,
 * then drained by the real forwarder and HTTP client against a backend stand-in that takes
 * {@code --latency-ms} (20) to answer each request. The same backlog (a copy of one store file) is
 * drained one request at a time (what the forwarder did before) and with sessions side by side,
 * alternated {@code --runs} times.
 *
 * <pre>mvn -B -q -Pbench -pl app test-compile exec:exec -Dbench.main=dev.ccotel.app.perf.DrainBench \
 *     -Dbench.args="--requests 1000 --sessions 1,4,16,64 --latency-ms 20 --runs 1"</pre>
 */
public final class DrainBench {
    public static void main(String[] args) throws Exception {
        int requests = 1_000;
        List<Integer> sessionCounts = List.of(1, 4, 16, 64);
        int latencyMs = 20;
        int runs = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--requests" -> requests = Integer.parseInt(args[i + 1]);
                case "--sessions" -> sessionCounts = java.util.Arrays.stream(args[i + 1].split(","))
                        .map(Integer::parseInt).toList();
                case "--latency-ms" -> latencyMs = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<byte[]> bodies = contractBodies();
        AtomicLong received = new AtomicLong();
        HttpServer backend = slowBackend(latencyMs, received);
        try {
            HttpOutConfig config = new HttpOutConfig("http://127.0.0.1:" + backend.getAddress().getPort(), "t",
                    HttpOutConfig.DEFAULT_TIMEOUT, "bench", HttpOutConfig.DEFAULT_RETRY_BUDGET);
            var client = HttpPublishers.direct(config);
            System.out.printf("%,d requests (%d real contract bodies in turn, %,d bytes on average), backend %d ms away%n",
                    requests, bodies.size(), bodies.stream().mapToLong(b -> b.length).sum() / bodies.size(), latencyMs);
            for (int sessions : sessionCounts) {
                Path backlog = backlog(bodies, requests, sessions);
                for (int run = 0; run < runs; run++) {
                    for (int atOnce : new int[] {1, ForwardPendingService.SESSIONS_AT_ONCE}) {
                        Path dir = Files.createTempDirectory("ccotel-drain");
                        Path file = dir.resolve("ccotel.db");
                        Files.copy(backlog, file, StandardCopyOption.REPLACE_EXISTING);
                        long before = received.get();
                        long start = System.nanoTime();
                        ForwardRound round;
                        try (SqliteStore store = SqliteStore.open(StoreConfig.at(file, true), Clock.systemUTC())) {
                            round = new ForwardPendingService(store.outbox(), client, atOnce).forwardPending();
                        }
                        double seconds = (System.nanoTime() - start) / 1e9;
                        if (!(round instanceof ForwardRound.Drained d) || d.delivered() != requests
                                || received.get() - before != requests) {
                            throw new IllegalStateException("not drained: " + round);
                        }
                        System.out.printf("sessions %3d, %2d at once: %,7.0f requests/s (%.2f s)%n", sessions, atOnce,
                                requests / seconds, seconds);
                    }
                }
            }
        } finally {
            backend.stop(0);
        }
    }

    /** A store file whose outbox holds {@code requests} bodies, request i of session i mod {@code sessions}. */
    private static Path backlog(List<byte[]> bodies, int requests, int sessions) throws Exception {
        Path file = Files.createTempDirectory("ccotel-backlog").resolve("ccotel.db");
        try (SqliteStore store = SqliteStore.open(StoreConfig.at(file, true), Clock.systemUTC())) {
            // opened once for its schema
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO outbox (session_id, kept_at, items, body) VALUES (?, ?, ?, ?)")) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < requests; i++) {
                    ps.setString(1, "session-" + (i % sessions));
                    ps.setLong(2, now);
                    ps.setInt(3, 1);
                    ps.setBytes(4, bodies.get(i % bodies.size()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
        return file;
    }

    /** The contract bodies the four captured scenarios make, read back from a scratch store's outbox. */
    private static List<byte[]> contractBodies() throws Exception {
        Path file = Files.createTempDirectory("ccotel-bodies").resolve("ccotel.db");
        Clock clock = Clock.systemUTC();
        try (SqliteStore store = SqliteStore.open(StoreConfig.at(file, true), clock)) {
            ExportPipeline pipeline = new ExportPipeline(new OtlpMapper(clock, MappingOptions.privateByDefault("h")),
                    store.sessionStates(), new WireEncoder(), store.keeper(), clock);
            for (String scenario : Fixtures.SCENARIOS) {
                new IngestLogsService(pipeline).ingest(new IngestLogsCommand(Fixtures.pbLogs(scenario)));
                new IngestMetricsService(pipeline).ingest(new IngestMetricsCommand(Fixtures.pbMetrics(scenario)));
            }
        }
        List<byte[]> bodies = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT body FROM outbox ORDER BY id")) {
            while (rs.next()) {
                bodies.add(rs.getBytes(1));
            }
        }
        return bodies;
    }

    /** Answers each POST with the contract's success after {@code latencyMs}, any number at once. */
    private static HttpServer slowBackend(int latencyMs, AtomicLong received) throws Exception {
        byte[] ok = "{\"success\":true,\"eventsProcessed\":0,\"metricsProcessed\":0,\"message\":\"ok\"}"
                .getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/v1/cc/otel", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            try {
                Thread.sleep(Duration.ofMillis(latencyMs));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ok);
            }
        });
        server.start();
        return server;
    }
}
