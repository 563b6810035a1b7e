package dev.ccotel.app.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccotel.adapter.postgres.PostgresConfig;
import dev.ccotel.adapter.postgres.PostgresExtension;
import dev.ccotel.app.compose.HubComposition;
import dev.ccotel.app.config.HubConfig;
import dev.ccotel.app.config.Settings;
import dev.ccotel.domain.fixtures.Captures2_1_332;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team dashboard's JSON API on a hub over a real PostgreSQL, signed in as a member: a session's
 * timeline (its events and the spans of raw OTLP traces), the tool decisions, and the live stream
 * saying when the hub kept an export, by raw OTLP or by the backend contract.
 */
class TeamDashboardApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACED_SESSION = "5b8e0f66-4533-418a-a7ca-9d1306f54b40";

    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    Path home;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private HubComposition.Running hub;
    private String ada;

    @BeforeEach
    void startHub() {
        PostgresConfig db = PG.newDatabase();
        HubConfig config = HubConfig.from(Settings.load(Optional.empty(), Map.of("HOME", home.toString()), Map.of(
                "hub.port", "0", "hub.database.url", db.url(), "hub.database.user", db.user())));
        hub = HubComposition.start(config, Clock.systemUTC());
        try (HubComposition.Members members = HubComposition.members(config.database(), Clock.systemUTC())) {
            ada = members.add().add("ada").orElseThrow().token();
        }
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void aSessionsTimeline_hasItsEventsAndTheSpansOfRawTraces_andTheDecisionsAreCounted() throws Exception {
        for (String signal : List.of("traces", "traces", "logs", "metrics")) { // traces twice: kept once
            int file = switch (signal) {
                case "traces" -> 1;
                case "logs" -> 2;
                default -> 3;
            };
            HttpResponse<String> r = post("/v1/" + signal, "application/json",
                    Captures2_1_332.bytes("traces/000" + file + "-" + signal + ".json"));
            assertEquals(200, r.statusCode(), r.body());
        }

        JsonNode page = JSON.readTree(get("/api/session?id=" + TRACED_SESSION).body());
        List<String> kinds = new ArrayList<>();
        page.path("spans").forEach(sp -> kinds.add(sp.path("kind").asText()));
        assertEquals(List.of("interaction", "llm_request", "tool", "tool.blocked_on_user", "tool.execution",
                "llm_request"), kinds, "by start, each once: " + page);
        assertEquals(17, page.path("spans").get(1).path("ttftMs").asLong());
        List<String> events = new ArrayList<>();
        page.path("events").forEach(e -> events.add(e.path("type").asText()));
        assertTrue(events.containsAll(List.of("user_prompt", "api_request", "tool_decision", "tool_result")),
                "the timeline has the session's events: " + events);
        assertEquals("ada", page.path("project").asText(), "the session is the member's: " + page.path("totals"));

        JsonNode decisions = JSON.readTree(get("/api/decisions?since=2026-12-01&until=2026-12-31").body());
        assertEquals(1, decisions.path("rows").size(), decisions.toString());
        assertEquals(1, decisions.path("rows").get(0).path("accept").asLong(), "the Write was accepted");
    }

    @Test
    void theLiveStreamSaysWhenTheHubKeptAnExport_byRawOtlpAndByTheContract() throws Exception {
        try (Live live = Live.open(http, hubUrl() + "/api/live", viewer())) {
            CompletableFuture<String> first = live.nextExport();
            assertEquals(200, post("/v1/logs", "application/json",
                    Captures2_1_332.bytes("traces/0002-logs.json")).statusCode());
            String rawOtlp = first.get(120, TimeUnit.SECONDS); // generous: only so a broken hub fails, not hangs

            CompletableFuture<String> second = live.nextExport();
            for (byte[] body : ContractBodies.of("write-file", "devbox")) {
                HttpResponse<String> r = post("/api/v1/cc/otel", "application/json", body);
                assertEquals(200, r.statusCode(), r.body());
            }
            String contract = second.get(120, TimeUnit.SECONDS);
            assertTrue(!contract.equals(rawOtlp), "a second signal, with a later time: " + rawOtlp + ", " + contract);
        }
    }

    /** The dashboard's server-sent events, read line by line on another thread. */
    private record Live(InputStream body, BufferedReader lines) implements AutoCloseable {
        static Live open(HttpClient http, String url, String authorization) throws Exception {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            assertEquals("text/event-stream", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            return new Live(r.body(), new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8)));
        }

        /** The data of the next {@code export} event. */
        CompletableFuture<String> nextExport() {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    String line;
                    boolean export = false;
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith("event:") && line.contains("export")) {
                            export = true;
                        } else if (export && line.startsWith("data:")) {
                            return line.substring(5).strip();
                        }
                    }
                    throw new IllegalStateException("the live stream ended before an export was signalled");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    private String viewer() {
        return "Basic " + Base64.getEncoder().encodeToString(("ada:" + ada).getBytes(StandardCharsets.UTF_8));
    }

    private String hubUrl() {
        return "http://127.0.0.1:" + hub.port();
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hubUrl() + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", viewer()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r;
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(hubUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + ada).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
