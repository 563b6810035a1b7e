package dev.ccotel.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccotel.app.cli.Cli;
import dev.ccotel.domain.fixtures.Captures2_1_332;
import dev.ccotel.domain.fixtures.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 27: the dashboard's JSON API is a thin adapter over the report use cases: the same figures as
 * {@code ccotel report --json}, byte for byte, over a store the real ingest path filled from captures.
 */
class DashboardApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @RegisterExtension
    final DaemonFixture fixture = new DaemonFixture(() -> home);

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(DaemonHarness daemon, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String cli(Path store, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--set";
        all[args.length + 1] = "store.path=" + store;
        assertEquals(0, Cli.run(all, Map.of("HOME", home.toString()), Clock.systemDefaultZone(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream())));
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void reportsOverTheApiAreTheCommandsJson_andTheOverviewAndSessionPageAddUp() throws Exception {
        Path store = home.resolve("ccotel.db");
        DaemonHarness daemon = fixture.start(Map.of("delivery.mode", "store", "store.path", store.toString()));
        for (String scenario : Fixtures.SCENARIOS) {
            daemon.export(Fixtures.pbLogs(scenario));
            daemon.export(Fixtures.pbMetrics(scenario));
        }
        String zone = ZoneId.systemDefault().getId();
        for (String kind : List.of("daily", "sessions", "models", "projects", "repos", "branches")) {
            HttpResponse<String> api = get(daemon, "/api/report?kind=" + kind + "&breakdown=1");
            assertEquals(200, api.statusCode(), api.body());
            assertEquals(cli(store, "report", kind, "--breakdown", "--json", "--timezone", zone), api.body().strip(),
                    kind);
        }
        assertEquals(cli(store, "report", "daily", "--json", "--since", "2026-11-26", "--until", "2026-11-26",
                "--timezone", zone), get(daemon, "/api/report?since=2026-11-26&until=2026-11-26").body().strip());

        JsonNode sessions = JSON.readTree(get(daemon, "/api/report?kind=sessions").body()).path("rows");
        JsonNode first = sessions.get(0);
        assertTrue(first.has("start") && first.has("project") && first.path("modelNames").isArray(), first.toString());
        JsonNode page = JSON.readTree(get(daemon, "/api/session?id=" + first.path("key").asText()).body());
        assertEquals(first.path("costUsd"), page.path("totals").path("costUsd"), page.toString());
        assertTrue(page.path("events").size() > 0, page.toString());
        long requests = 0;
        for (JsonNode e : page.path("events")) {
            requests += e.path("type").asText().equals("api_request") ? 1 : 0;
        }
        assertEquals(first.path("apiRequests").asLong(), requests, "the timeline holds the requests the row counts");

        JsonNode overview = JSON.readTree(get(daemon, "/api/overview").body());
        assertTrue(overview.path("periods").path("month").has("costUsd"), overview.toString());
        assertTrue(overview.path("budget").isNull(), "no budget set");
        assertTrue(overview.path("costSources").isObject(), overview.toString());

        assertEquals(400, get(daemon, "/api/report?kind=weather").statusCode());
        assertEquals(400, get(daemon, "/api/report?since=yesterday").statusCode());
        assertEquals(404, get(daemon, "/api/session?id=nope").statusCode());
        HttpResponse<String> page1 = get(daemon, "/");
        assertEquals(200, page1.statusCode());
        assertTrue(page1.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        assertTrue(page1.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "same origin only");
        assertEquals(200, get(daemon, "/assets/uPlot.iife.min.js").statusCode(), "uPlot comes from the jar");
    }

    @Test
    void theCommandPrintsTheAddressOfTheRunningDaemonsDashboard() {
        DaemonHarness daemon = fixture.start(Map.of("delivery.mode", "store", "store.path",
                home.resolve("ccotel.db").toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = {"dashboard", "--no-open", "--set", "receiver.port=" + daemon.port(), "--set",
            "receiver.http.port=" + daemon.httpPort()};
        assertEquals(0, Cli.run(args, Map.of("HOME", home.toString()), Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream())));
        assertEquals("http://127.0.0.1:" + daemon.httpPort() + "/", out.toString(StandardCharsets.UTF_8).strip());
        daemon.close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(3, Cli.run(args, Map.of("HOME", home.toString()), Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no daemon answers there"), err.toString());
    }

    /** Issue 27, item 4: the spans of Claude Code's traces are kept (not only counted) and on the session page. */
    @Test
    void theSpansOfATraceAreKeptOnceAndShownOnTheSessionPage() throws Exception {
        DaemonHarness daemon = fixture.start(Map.of("delivery.mode", "store", "store.path",
                home.resolve("ccotel.db").toString()));
        for (String signal : List.of("traces", "traces", "logs", "metrics")) { // traces twice: kept once
            byte[] body = Captures2_1_332.bytes("traces/000" + switch (signal) {
                case "traces" -> 1;
                case "logs" -> 2;
                default -> 3;
            } + "-" + signal + ".json");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.httpPort()
                    + "/v1/" + signal)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
        }
        JsonNode page = JSON.readTree(get(daemon, "/api/session?id=5b8e0f66-4533-418a-a7ca-9d1306f54b40").body());
        JsonNode spans = page.path("spans");
        assertEquals(6, spans.size(), page.toString());
        List<String> kinds = new java.util.ArrayList<>();
        spans.forEach(sp -> kinds.add(sp.path("kind").asText()));
        assertEquals(List.of("interaction", "llm_request", "tool", "tool.blocked_on_user", "tool.execution",
                "llm_request"), kinds, "by start");
        assertEquals(17, spans.get(1).path("ttftMs").asLong());
        assertEquals("accept", spans.get(3).path("decision").asText());
        JsonNode decisions = JSON.readTree(get(daemon, "/api/decisions?since=2026-12-01&until=2026-12-31").body());
        assertEquals(1, decisions.path("rows").size(), decisions.toString());
        assertEquals(1, decisions.path("rows").get(0).path("accept").asLong(), "the Write was accepted");
        assertEquals(12, JSON.readTree(get(daemon, "/status").body()).path("spansCounted").asLong(),
                "both exports counted, as before");
    }

    @Test
    void aDaemonThatKeepsNothingSaysSoInsteadOfShowingNothing() throws Exception {
        DaemonHarness daemon = fixture.start(Map.of());
        HttpResponse<String> overview = get(daemon, "/api/overview");
        assertEquals(503, overview.statusCode());
        assertTrue(overview.body().contains("passthrough"), overview.body());
        assertEquals(200, get(daemon, "/").statusCode());
    }

    @Test
    void theLiveStreamSaysWhenAnExportWasKept() throws Exception {
        DaemonHarness daemon = fixture.start(Map.of("delivery.mode", "store", "store.path",
                home.resolve("ccotel.db").toString()));
        HttpResponse<java.io.InputStream> live = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + daemon.httpPort() + "/api/live")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("text/event-stream", live.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(live.body(),
                StandardCharsets.UTF_8));
        java.util.concurrent.CompletableFuture<String> event = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = lines.readLine()) != null && !(line.startsWith("event:") && line.contains("export"))) {
                    // comments and blank lines until the event
                }
                return line;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        daemon.export(Captures2_1_332.logs("resume/1-first"));
        try {
            assertTrue(event.get(120, java.util.concurrent.TimeUnit.SECONDS).contains("export")); // generous: a busy machine
        } finally {
            live.body().close();
        }
    }
}
