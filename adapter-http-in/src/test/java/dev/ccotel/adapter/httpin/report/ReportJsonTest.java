package dev.ccotel.adapter.httpin.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccotel.domain.model.CostSource;
import dev.ccotel.domain.model.Usage;
import dev.ccotel.ports.in.UsageQuery;
import dev.ccotel.ports.in.UsageReport;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The report's JSON written a row at a time is the document the README documents, in UTF-8. */
class ReportJsonTest {
    private static final Usage USAGE = new Usage(1, new Usage.Tokens(1_200, 87, 50, 300), 0.0052,
            new Usage.Activity(1, 2, 3, 0), new Usage.CodeChanges(10, 2, 1, 0), 12.5);

    private static UsageReport sessionsReport() {
        UsageQuery query = new UsageQuery(UsageQuery.Grouping.SESSIONS, Optional.of(LocalDate.parse("2026-11-01")),
                Optional.empty(), ZoneId.of("Europe/Berlin"), Optional.of("/home/zoë/café"), false);
        Instant start = Instant.parse("2026-11-02T09:00:00Z");
        UsageReport.Row row = new UsageReport.Row("8f3c1a2e-0000-4000-8000-000000000001",
                "2026-11-02 10:00, 5 min, sonnet-4-5, /home/zoë/café, \"Räume den Flur auf …\"", USAGE,
                List.of(new UsageReport.ModelShare("claude-sonnet-4-5", USAGE.tokens(), 0.0052)),
                Map.of(CostSource.ESTIMATE, 1L), Optional.of(new UsageReport.SessionFacts(start,
                        start.plusSeconds(300), "/home/zoë/café", "github.com/zoë/café", "main",
                        List.of("sonnet-4-5"))));
        return new UsageReport(query, List.of(row, row), USAGE.withSessions(1), Map.of(CostSource.ESTIMATE, 1L));
    }

    @Test
    void written_isTheDocumentOfTheTree_inUtf8_whateverTheStreamsCharset() throws IOException {
        UsageReport report = sessionsReport();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream ascii = new PrintStream(bytes, true, StandardCharsets.US_ASCII);

        ReportJson.write(report, Optional.of("2026-11-01"), ascii);

        JsonNode doc = ReportJson.MAPPER.readTree(bytes.toByteArray());
        assertEquals("/home/zoë/café", doc.path("project").asText());
        assertEquals("2026-11-01", doc.path("pricesAsOf").asText());
        assertEquals(2, doc.path("rows").size());
        assertEquals("github.com/zoë/café", doc.path("rows").path(1).path("repo").asText());
        assertEquals(1, doc.path("totals").path("costSources").path("estimate").asInt());
        assertArrayEquals(ReportJson.render(report, Optional.of("2026-11-01")).getBytes(StandardCharsets.UTF_8),
                bytes.toByteArray(), "the same bytes as the rendered text");
    }

    /** The dashboard builds its documents as trees, with the report's usage objects in them: the same numbers. */
    @Test
    void usageInATree_isWrittenAsTheReportWritesIt() throws IOException {
        Usage dollars = new Usage(3, new Usage.Tokens(10, 20, 0, 5), 120.0, Usage.Activity.ZERO,
                Usage.CodeChanges.ZERO, 0.5);
        ObjectNode node = ReportJson.MAPPER.createObjectNode();

        ReportJson.usage(node, dollars);
        ReportJson.tokens(node.putObject("event"), dollars.tokens());

        String text = node.toString();
        assertTrue(text.contains("\"costUsd\":120,"), text); // not 1.2E+2
        assertEquals(35, node.path("tokens").path("total").asLong());
        assertEquals(35, node.path("event").path("tokens").path("total").asLong());
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("sessions", "tokens", "costUsd", "prompts", "toolCalls", "apiRequests", "apiErrors",
                "linesAdded", "linesRemoved", "commits", "pullRequests", "activeSeconds", "event"), names);
        UsageReport report = new UsageReport(new UsageQuery(UsageQuery.Grouping.DAILY, Optional.empty(),
                Optional.empty(), ZoneId.of("UTC"), Optional.empty(), false), List.of(), dollars);
        JsonNode totals = ReportJson.MAPPER.readTree(ReportJson.render(report)).path("totals");
        node.remove("event");
        ((ObjectNode) totals).remove("costSources");
        assertEquals(totals.toString(), node.toString(), "the report's totals and the tree's usage, as text");
    }

    @Test
    void written_leavesTheCallersStreamOpen() throws IOException {
        boolean[] closed = {false};
        OutputStream out = new FilterOutputStream(new ByteArrayOutputStream()) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        ReportJson.write(sessionsReport(), Optional.empty(), out);

        assertFalse(closed[0], "the report closed stdout");
    }
}
