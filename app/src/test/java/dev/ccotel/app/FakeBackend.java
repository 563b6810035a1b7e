package dev.ccotel.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The one stand-in for the backend in the app's tests, on 127.0.0.1: records every POST it read,
 * answers scripted statuses (with {@code Retry-After}), answers slowly, and can go down (connection
 * refused) and come back on the same port. Public because the end-to-end tests here and the
 * reliability tests in their own package share it.
 */
public final class FakeBackend implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();

    public record Received(String path, Map<String, List<String>> headers, String body, int answeredWith, java.time.Instant at) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One scripted answer: a status, an optional Retry-After value, a delay before answering. */
    public record Answer(int status, String retryAfter, Duration delay) {
        public static Answer of(int status) {
            return new Answer(status, null, Duration.ZERO);
        }
    }

    private final ConcurrentLinkedDeque<Answer> script = new ConcurrentLinkedDeque<>();
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Answer steady = Answer.of(200);
    /** When set, error answers carry the request's Authorization header, like a careless backend. */
    public volatile boolean echoAuthorization;
    private final int port;
    private HttpServer server;
    private ExecutorService executor;

    public FakeBackend() {
        this(0);
    }

    public FakeBackend(int port) {
        start(port);
        this.port = server.getAddress().getPort();
    }

    private synchronized void start(int onPort) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
                break;
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw new UncheckedIOException("cannot bind the fake backend again on " + onPort, e);
                }
                sleep(100);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The backend goes away: new connections are refused until {@link #up()}. */
    public synchronized FakeBackend down() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
        return this;
    }

    /** The backend comes back on the same port. */
    public synchronized FakeBackend up() {
        if (server == null) {
            start(port);
        }
        return this;
    }

    /** Answer these first, in order, then {@code steadyAnswer}. */
    public FakeBackend answer(Answer steadyAnswer, Answer... first) {
        script.clear();
        script.addAll(List.of(first));
        steady = steadyAnswer;
        return this;
    }

    public FakeBackend answer(int steadyStatus, Integer... first) {
        return answer(Answer.of(steadyStatus), java.util.Arrays.stream(first).map(Answer::of).toArray(Answer[]::new));
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** The most POSTs this backend was handling at once. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Forgets what was received, for a second phase of a test. */
    public synchronized void clear() {
        received.clear();
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    public synchronized List<Received> accepted() {
        return received.stream().filter(r -> r.answeredWith() / 100 == 2).toList();
    }

    /** Every eventId in accepted bodies (a set: re-sends carry the same ids). */
    public Set<String> acceptedEventIds() {
        return ids("events", "eventId");
    }

    public Set<String> acceptedMetricIds() {
        return ids("metrics", "metricId");
    }

    /** metricId -> metric object, first accepted copy, for summing values without duplicates. */
    public Map<String, JsonNode> acceptedMetricsById() {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (Received r : accepted()) {
            r.json().path("metrics").forEach(m -> byId.putIfAbsent(m.get("metricId").asText(), m));
        }
        return byId;
    }

    private Set<String> ids(String list, String field) {
        Set<String> ids = new LinkedHashSet<>();
        for (Received r : accepted()) {
            r.json().path(list).forEach(e -> ids.add(e.get(field).asText()));
        }
        return ids;
    }

    private void handle(HttpExchange exchange) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer scripted = script.poll();
            Answer a = scripted != null ? scripted : steady;
            if (!a.delay().isZero()) {
                try {
                    Thread.sleep(a.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.close();
                    return;
                }
            }
            synchronized (this) {
                received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                        body, a.status(), java.time.Instant.now()));
            }
            byte[] answer = (a.status() / 100 == 2
                    ? "{\"success\":true,\"eventsProcessed\":1,\"metricsProcessed\":1}"
                    : "{\"success\":false,\"message\":\"scripted " + a.status()
                            + (echoAuthorization ? " for " + exchange.getRequestHeaders().getFirst("Authorization") : "")
                            + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (a.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", a.retryAfter());
            }
            exchange.sendResponseHeaders(a.status(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Polls {@code condition} every 50 ms until it holds or {@code timeout} passes; returns whether it held. */
    public static boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(50);
        }
        return true;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        down();
    }
}
