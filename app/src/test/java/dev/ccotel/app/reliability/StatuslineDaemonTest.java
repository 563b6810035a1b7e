package dev.ccotel.app.reliability;

import dev.ccotel.ports.in.LimitWindow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.adapter.sqlite.SqliteUsageReader;
import dev.ccotel.domain.fixtures.Captures2_1_332;
import dev.ccotel.ports.in.UsageQuery;
import dev.ccotel.ports.in.UsageReport;
import dev.ccotel.ports.service.report.LimitsReport;
import dev.ccotel.ports.service.report.ReportUsageService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24 through the daemon: Claude Code's real statusline input (gateway capture, with limits) for the
 * session whose real telemetry is in {@code transcripts/telemetry/otlp/}; the session id of the capture is
 * put on the statusline input, so that both name one session, as they do when one Claude Code sends both.
 */
class StatuslineDaemonTest {
    private static final String SESSION = "f228f25a-858d-4558-b922-d99f8e4595d2";
    private static final String CAPTURED = "457f0da1-7c23-4ba7-a26a-5811ceb142ae";

    /** Noon of the day the 2.1.332 statusline and telemetry were captured: "today" for them, whenever the test runs. */
    private static final java.time.Instant CAPTURED_ON = java.time.Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path home;

    @RegisterExtension
    final DaemonFixture fixture = new DaemonFixture(() -> home);

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(DaemonHarness daemon, String path, byte[] body) throws IOException,
            InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.httpPort() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The captured input, as if the telemetry's session and a project in {@code project} had written it. */
    private byte[] statusline(String file, Path project) {
        String json = new String(Captures2_1_332.bytes("statusline/gateway-rate-limits/1-first/" + file),
                StandardCharsets.UTF_8);
        return json.replace(CAPTURED, SESSION).replace("/tmp/fx/slwork/project", project.toString())
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theLineShowsClaudeCodesFigureUntilTelemetryThenTheRecord_andReportsGroupByTheRealFolder() throws Exception {
        Path project = Files.createDirectories(home.resolve("code/widget"));
        Files.createDirectories(project.resolve(".git"));
        Files.writeString(project.resolve(".git/HEAD"), "ref: refs/heads/feature/demo\n"); // git's own format
        Path store = home.resolve("ccotel.db");
        DaemonHarness daemon = fixture.startAt(CAPTURED_ON, Map.of("delivery.mode", "store", "store.path", store.toString()));

        assertEquals(204, post(daemon, "/hook", statusline("hook-SessionStart-01.json", project)).statusCode());
        HttpResponse<String> before = post(daemon, "/statusline?columns=200&colour=0",
                statusline("statusline-05.json", project));
        assertEquals(200, before.statusCode(), before.body());
        assertTrue(before.body().startsWith("~$0.016 · today $0.00 · "), before.body());
        assertTrue(before.body().endsWith("Sonnet 4.5"), before.body());

        for (String signal : List.of("logs", "metrics")) {
            byte[] body = Captures2_1_332.bytes("transcripts/telemetry/otlp/000" + (signal.equals("logs") ? 1 : 2) + "-"
                    + signal + ".json");
            assertEquals(200, post(daemon, "/v1/" + signal, body).statusCode());
        }
        String after = post(daemon, "/statusline?columns=200", statusline("statusline-05.json", project)).body();
        assertTrue(after.startsWith("$0.010 · "), "telemetry's cost, not the client's: " + after);
        // the day's spend is read at most every two seconds: wait for it, generously
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!after.startsWith("$0.010 · today $0.010 · ") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            after = post(daemon, "/statusline?columns=200", statusline("statusline-05.json", project)).body();
        }
        assertTrue(after.startsWith("$0.010 · today $0.010 · "), after);

        String narrow = post(daemon, "/statusline?columns=14", statusline("statusline-05.json", project)).body();
        assertEquals("$0.010", narrow, "the least wanted parts leave a narrow terminal first");
        assertEquals(400, post(daemon, "/statusline", "{}".getBytes(StandardCharsets.UTF_8)).statusCode());
        daemon.close();

        SqliteUsageReader reader = new SqliteUsageReader(store);
        ReportUsageService reports = new ReportUsageService(reader, Clock.systemUTC());
        UsageReport projects = reports.report(query(UsageQuery.Grouping.PROJECTS));
        assertEquals(List.of(project.toString()), projects.rows().stream().map(UsageReport.Row::key).toList(),
                "the statusline's folder, not telemetry's 'unknown'");
        assertEquals(0.010365, projects.totals().costUsd(), 1e-9);
        UsageReport branches = reports.report(query(UsageQuery.Grouping.BRANCHES));
        assertEquals(List.of("feature/demo"), branches.rows().stream().map(UsageReport.Row::key).toList());

        List<LimitWindow> windows = new LimitsReport(reader, Clock.fixed(Instant.ofEpochSecond(1796641189 - 3600),
                ZoneOffset.UTC)).windows(Instant.EPOCH, CAPTURED_ON.plusSeconds(86_400));
        assertEquals(2, windows.size(), "one snapshot per window: the refreshes repeated the same use");
        LimitWindow fiveHours = windows.stream()
                .filter(w -> w.window() == dev.ccotel.domain.context.SessionContext.Window.FIVE_HOUR).findFirst().orElseThrow();
        assertEquals(42, fiveHours.peakPercent());
        assertEquals(Instant.ofEpochSecond(1796641189), fiveHours.resetsAt());
        assertEquals(Instant.ofEpochSecond(1796641189 - 5 * 3600), fiveHours.start());
        assertEquals(0.010365, fiveHours.costUsd(), 1e-9, "the session ran inside the window");
    }

    private static UsageQuery query(UsageQuery.Grouping grouping) {
        return new UsageQuery(grouping, Optional.empty(), Optional.empty(), ZoneOffset.UTC, Optional.empty(), false);
    }
}
