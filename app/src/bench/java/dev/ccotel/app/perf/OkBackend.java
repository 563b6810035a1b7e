package dev.ccotel.app.perf;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** The backend stand-in for load runs: a JDK HttpServer on 127.0.0.1, 4 threads, answering every POST with 200. */
final class OkBackend implements AutoCloseable {
    private static final byte[] OK = "{\"success\":true,\"eventsProcessed\":0,\"metricsProcessed\":0,\"message\":\"ok\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    OkBackend() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(pool);
        server.createContext("/api/v1/cc/otel", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                bytes.addAndGet(in.readAllBytes().length);
            }
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, OK.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(OK);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long requests() {
        return requests.get();
    }

    long bytes() {
        return bytes.get();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
