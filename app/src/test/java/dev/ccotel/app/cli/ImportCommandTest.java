package dev.ccotel.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpServer;
import dev.ccotel.adapter.httpout.wire.WireEncoder;
import dev.ccotel.adapter.sqlite.SqliteStore;
import dev.ccotel.adapter.sqlite.StoreConfig;
import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.fixtures.Transcripts;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import dev.ccotel.ports.in.IngestLogsCommand;
import dev.ccotel.ports.in.IngestMetricsCommand;
import dev.ccotel.ports.service.ingest.ExportPipeline;
import dev.ccotel.ports.service.ingest.IngestLogsService;
import dev.ccotel.ports.service.ingest.IngestMetricsService;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ccotel import} and what {@code report} makes of it, on what real Claude Code 2.1.332 wrote:
 * the transcripts, and for one session the OTLP/HTTP JSON it exported at the same time, fed through
 * the ordinary ingest. The rule pinned here: a session counts once, with telemetry's figures unless
 * its transcript holds more of it.
 */
class ImportCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T12:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Path store() {
        return home.resolve(".local/share/ccotel/ccotel.db");
    }

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        return Cli.run(args, Map.of("HOME", home.toString()), CLOCK, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private JsonNode sessionsReport() throws IOException {
        assertEquals(0, run("report", "sessions", "--json", "--timezone", "UTC"), err.toString(StandardCharsets.UTF_8));
        return JSON.readTree(out());
    }

    /** The telemetry scenario's OTLP JSON through the ordinary ingest, less the log records {@code drop} rejects. */
    private void ingestTelemetry(boolean withMetrics, String dropRequestId) throws IOException {
        ExportLogsServiceRequest.Builder logs = ExportLogsServiceRequest.newBuilder();
        JsonFormat.parser().ignoringUnknownFields().merge(Transcripts.telemetryJson("0001-logs.json"), logs);
        logs.getResourceLogsBuilderList().forEach(r -> r.getScopeLogsBuilderList().forEach(s -> {
            List<LogRecord> kept = new ArrayList<>(s.getLogRecordsList());
            kept.removeIf(l -> l.getAttributesList().stream().anyMatch(a -> a.getKey().equals("request_id")
                    && a.getValue().getStringValue().equals(dropRequestId)));
            s.clearLogRecords().addAllLogRecords(kept);
        }));
        try (SqliteStore s = SqliteStore.open(StoreConfig.at(store(), false), CLOCK)) {
            ExportPipeline pipeline = new ExportPipeline(new OtlpMapper(CLOCK, MappingOptions.privateByDefault("devbox")),
                    s.sessionStates(), new WireEncoder(), s.keeper(), CLOCK);
            new IngestLogsService(pipeline).ingest(new IngestLogsCommand(logs.build()));
            if (withMetrics) {
                ExportMetricsServiceRequest.Builder metrics = ExportMetricsServiceRequest.newBuilder();
                JsonFormat.parser().ignoringUnknownFields().merge(Transcripts.telemetryJson("0002-metrics.json"), metrics);
                new IngestMetricsService(pipeline).ingest(new IngestMetricsCommand(metrics.build()));
            }
        }
    }

    @Test
    void sessionWithTelemetryAndTranscript_countsOnce_withTelemetrysFigures_andASecondImportChangesNothing()
            throws IOException {
        ingestTelemetry(true, "none");
        Transcripts.into(home, "telemetry");

        assertEquals(0, run("import"), err.toString(StandardCharsets.UTF_8));
        assertTrue(out().startsWith("Imported 1 session(s) from 1 changed transcript file(s)"), out());
        JsonNode report = sessionsReport();

        assertEquals(1, report.get("rows").size(), report::toPrettyString);
        JsonNode row = report.get("rows").get(0);
        assertEquals(Transcripts.WITH_TELEMETRY, row.get("key").asText());
        assertEquals("telemetry", row.get("costSource").asText());
        assertEquals(0.010365, row.get("costUsd").asDouble(), 1e-12);
        assertEquals(0.010365, report.get("totals").get("costUsd").asDouble(), 1e-12, "not doubled");
        assertEquals(1, report.get("totals").get("sessions").asLong());

        assertEquals(0, run("import", "--json"));
        JsonNode again = JSON.readTree(out());
        assertEquals(0, again.get("filesRead").asLong(), "nothing changed, nothing read");
        assertEquals(0, again.get("sessionsImported").asLong());
        assertEquals(report, sessionsReport());
    }

    @Test
    void telemetryMissingPartOfTheSession_isCompletedFromTheTranscript_notAddedTo() throws IOException {
        ingestTelemetry(false, "req_msg_0010"); // the daemon was down for the second request: logs of the first only
        Transcripts.into(home, "telemetry");
        JsonNode before = sessionsReport();
        assertEquals(0.005183, before.get("totals").get("costUsd").asDouble(), 1e-12, "0.0051825 to the micro-dollar");

        assertEquals(0, run("import"));
        JsonNode report = sessionsReport();

        assertEquals(1, report.get("rows").size());
        JsonNode row = report.get("rows").get(0);
        assertEquals("transcript", row.get("costSource").asText(), "marked: the transcript's figures, not telemetry's");
        assertEquals(0.010365, row.get("costUsd").asDouble(), 1e-12, "Claude Code's own total, not 0.0155475");
        assertEquals(2400, row.get("tokens").get("input").asLong());
        assertEquals(3, row.get("linesAdded").asLong());
    }

    @Test
    void sessionsTelemetryNeverSaw_areReportedFromTheirTranscripts() throws IOException {
        Transcripts.into(home, "resume-chain");
        Transcripts.into(home, "subagent");

        assertEquals(0, run("import"));
        JsonNode report = sessionsReport();

        assertEquals(2, report.get("totals").get("sessions").asLong(), report::toPrettyString);
        assertEquals(2 * 0.02073, report.get("totals").get("costUsd").asDouble(), 1e-9);
        assertEquals(4, report.get("totals").get("prompts").asLong(), "3 typed in the resumed session, 1 in the other");
        assertEquals(8, report.get("totals").get("apiRequests").asLong());
        assertEquals(2, report.get("totals").get("costSources").get("transcript").asLong());
        for (JsonNode row : report.get("rows")) {
            assertEquals("transcript", row.get("costSource").asText());
        }
        assertEquals(0, run("report", "daily", "--timezone", "UTC"));
        assertTrue(out().contains("2026-12-07"), out());
        assertTrue(out().contains("Cost and tokens: from the cost Claude Code wrote in its transcripts for 2 session(s)."), out());
    }

    @Test
    void withADaemonHoldingTheStore_importSaysTheDaemonDoesIt() {
        try (SqliteStore daemonsStore = SqliteStore.open(StoreConfig.at(store(), false), CLOCK)) {
            assertEquals(Cli.FAILURE, run("import"));
        }
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("imports Claude Code's transcripts by itself, at start and every 10m"), said);
    }

    @Test
    void refreshPrices_keepsTheClaudeModelsOfTheListServed_andEstimatesSayItsDate() throws IOException {
        String litellm = """
                {"sample_spec": {"input_cost_per_token": 0},
                 "gpt-4o": {"input_cost_per_token": 2.5e-6, "output_cost_per_token": 1e-5},
                 "claude-sonnet-4-5": {"input_cost_per_token": 1e-6, "output_cost_per_token": 1e-6,
                   "cache_creation_input_token_cost": 1e-6, "cache_read_input_token_cost": 1e-6,
                   "max_tokens": 64000}}""";
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/prices.json", exchange -> {
            byte[] body = litellm.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/not-prices.json", exchange -> {
            byte[] body = "{\"gpt-4o\": {\"input_cost_per_token\": 1}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            assertEquals(0, run("import", "--refresh-prices", base + "/prices.json"), err.toString(StandardCharsets.UTF_8));
            assertTrue(out().contains("Kept the prices of 1 Claude model(s)"), out());
            assertEquals(Cli.FAILURE, run("import", "--refresh-prices", base + "/not-prices.json"));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("no Claude model"));
        } finally {
            server.stop(0);
        }
        Path file = Transcripts.into(home, "telemetry").resolve("-tmp-ccotel-transcripts-project")
                .resolve(Transcripts.WITH_TELEMETRY + ".jsonl");
        List<String> lines = Files.readAllLines(file);
        Files.writeString(file, String.join("\n", lines.subList(0, lines.size() - 1)) + "\n"); // no cost-state: older Claude Code

        assertEquals(0, run("import"));
        JsonNode report = sessionsReport();

        assertEquals("estimate", report.get("rows").get(0).get("costSource").asText());
        assertEquals(2 * (1200 + 87 + 50 + 300) * 1e-6, report.get("totals").get("costUsd").asDouble(), 1e-9,
                "priced with the refreshed list, not the shipped one");
        assertEquals("2026-12-08", report.get("pricesAsOf").asText());
        assertFalse(Files.exists(store().resolveSibling("prices.json.new")));
    }
}
