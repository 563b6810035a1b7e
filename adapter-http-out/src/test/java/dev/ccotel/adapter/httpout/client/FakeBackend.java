package dev.ccotel.adapter.httpout.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A real HTTP backend on 127.0.0.1 and an ephemeral port that records every request it gets. */
final class FakeBackend implements AutoCloseable {
    record Received(String method, String path, Headers headers, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    record Reply(int status, String body, Map<String, String> headers) {
        static Reply of(int status) {
            return new Reply(status, "", Map.of());
        }

        static Reply of(int status, String body) {
            return new Reply(status, body, Map.of());
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Reply> responder = r -> Reply.of(200, "{\"success\":true}");

    FakeBackend() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The base URL to configure as {@code backend.url}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeBackend answer(Function<Received, Reply> responder) {
        this.responder = responder;
        return this;
    }

    /** {@code status}, with the contract's answer when it is a 2xx that has a body (a real backend's). */
    FakeBackend answer(int status) {
        boolean taken = status >= 200 && status < 300 && status != 204;
        return answer(r -> taken ? Reply.of(status, "{\"success\":true}") : Reply.of(status));
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Received r = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes());
            received.add(r);
            Reply reply = responder.apply(r);
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            boolean noBody = reply.status() == 204 || body.length == 0;
            exchange.sendResponseHeaders(reply.status(), noBody ? -1 : body.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
