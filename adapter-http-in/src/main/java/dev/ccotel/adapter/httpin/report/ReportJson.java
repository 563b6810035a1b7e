package dev.ccotel.adapter.httpin.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccotel.domain.model.CostSource;
import dev.ccotel.domain.model.Usage;
import dev.ccotel.ports.in.LimitWindow;
import dev.ccotel.ports.in.UsageReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code ccotel report --json}: the report as one JSON document, in the schema the README's
 * "Reports" section documents ({@code "schema": 1}; fields are only ever added).
 */
public final class ReportJson {
    public static final int SCHEMA = 1;
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Indented as every report prints; the caller's stream stays open. */
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter()
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    /**
     * A part of a document {@link #PRETTY} writes: no printer of its own (the generator's keeps the indentation),
     * no flush after each part (20,000 rows would be 20,000 writes).
     */
    private static final ObjectWriter PART = MAPPER.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private ReportJson() {}

    public static String render(UsageReport report) {
        return render(report, Optional.empty());
    }

    /** @param pricesAsOf the date of the price list estimates were made with, said when the report holds one */
    public static String render(UsageReport report, Optional<String> pricesAsOf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(report, pricesAsOf, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from memory
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The same document as {@link #render(UsageReport, Optional)}, written to {@code out} as UTF-8 a row at a time:
     * a year's sessions report is 14 MB, which as one tree, then one string, took a third of the command. Flushes
     * {@code out} at the end but leaves it open.
     */
    public static void write(UsageReport report, Optional<String> pricesAsOf, OutputStream out) throws IOException {
        try (JsonGenerator g = PRETTY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberField("schema", SCHEMA);
            g.writeStringField("report", report.query().grouping().name().toLowerCase(Locale.ROOT));
            g.writeStringField("timezone", zoneName(report.query().zone()));
            if (report.query().since().isPresent()) {
                g.writeStringField("since", report.query().since().get().toString());
            }
            if (report.query().until().isPresent()) {
                g.writeStringField("until", report.query().until().get().toString());
            }
            if (report.query().project().isPresent()) {
                g.writeStringField("project", report.query().project().get());
            }
            g.writeArrayFieldStart("rows");
            for (UsageReport.Row row : report.rows()) {
                PART.writeValue(g, row(row));
            }
            g.writeEndArray();
            ObjectNode totals = MAPPER.createObjectNode();
            usage(totals, report.totals());
            ObjectNode sources = totals.putObject("costSources");
            report.costSources().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> sources.put(e.getKey().wireName(), e.getValue()));
            g.writeFieldName("totals");
            PART.writeValue(g, totals);
            if (report.costSources().containsKey(CostSource.ESTIMATE) && pricesAsOf.isPresent()) {
                g.writeStringField("pricesAsOf", pricesAsOf.get());
            }
            g.writeEndObject();
        }
    }

    private static ObjectNode row(UsageReport.Row row) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("key", row.key());
        if (!row.detail().isEmpty()) {
            r.put("detail", row.detail());
        }
        row.session().ifPresent(f -> {
            r.put("start", f.start().toString());
            r.put("end", f.end().toString());
            r.put("seconds", java.time.Duration.between(f.start(), f.end()).toMillis() / 1000.0);
            r.put("project", f.project());
            if (!f.repo().isEmpty()) {
                r.put("repo", f.repo());
            }
            if (!f.branch().isEmpty()) {
                r.put("branch", f.branch());
            }
            ArrayNode names = r.putArray("modelNames");
            f.models().forEach(names::add);
        });
        usage(r, row.usage());
        if (!row.costSources().isEmpty()) {
            r.put("costSource", costSource(row.costSources()));
        }
        if (!row.models().isEmpty()) {
            ArrayNode models = r.putArray("models");
            for (UsageReport.ModelShare share : row.models()) {
                ObjectNode m = models.addObject();
                m.put("model", share.model());
                tokens(m, share.tokens());
                m.put("costUsd", money(share.costUsd()));
            }
        }
        return r;
    }

    /** {@code report limits --json}: each window, its start and reset, its use over time, what was spent in it. */
    public static String limits(List<LimitWindow> windows, ZoneId zone) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("report", "limits");
        root.put("timezone", zoneName(zone));
        ArrayNode rows = root.putArray("rows");
        for (LimitWindow window : windows) {
            ObjectNode w = rows.addObject();
            w.put("window", window.window().id());
            w.put("start", window.start().toString());
            w.put("resetsAt", window.resetsAt().toString());
            w.put("peakUsedPercent", window.peakPercent());
            w.put("costUsd", money(window.costUsd()));
            ArrayNode uses = w.putArray("uses");
            for (LimitWindow.Use use : window.uses()) {
                uses.addObject().put("at", use.at().toString()).put("usedPercent", use.usedPercent());
            }
        }
        return text(root);
    }

    /** A usage object, as in every report: sessions, tokens, cost, activity and code. */
    public static void usage(ObjectNode node, Usage u) {
        node.put("sessions", u.sessions());
        tokens(node, u.tokens());
        node.put("costUsd", money(u.costUsd()));
        node.put("prompts", u.activity().prompts());
        node.put("toolCalls", u.activity().toolCalls());
        node.put("apiRequests", u.activity().apiRequests());
        node.put("apiErrors", u.activity().apiErrors());
        node.put("linesAdded", u.code().linesAdded());
        node.put("linesRemoved", u.code().linesRemoved());
        node.put("commits", u.code().commits());
        node.put("pullRequests", u.code().pullRequests());
        node.put("activeSeconds", u.activeSeconds());
    }

    /** Indented, as every report prints. */
    public static String text(ObjectNode root) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
    /**
     * Where a row's cost came from: {@code telemetry}, {@code transcript} or {@code estimate}, or those of its sessions
     * joined by {@code +} ({@code telemetry+transcript}) for a row of several.
     */
    public static String costSource(Map<CostSource, Long> sources) {
        return sources.keySet().stream().sorted().map(CostSource::wireName).collect(Collectors.joining("+"));
    }

    /** {@code UTC} for the zero offset (whose id is {@code Z}), else the zone's id, e.g. {@code Europe/Berlin}. */
    public static String zoneName(ZoneId zone) {
        return zone instanceof ZoneOffset offset && offset.getTotalSeconds() == 0 ? "UTC" : zone.getId();
    }

    /**
     * Money to the micro-dollar, as Claude Code's own {@code cost_usd_micros}: sums of doubles carry
     * float noise ({@code 0.048369999999999996}) that a reader must not have to round away.
     */
    public static BigDecimal money(double usd) {
        BigDecimal micro = BigDecimal.valueOf(usd).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        return micro.scale() < 0 ? micro.setScale(0) : micro; // 12, not 1.2E+1
    }

    public static void tokens(ObjectNode node, Usage.Tokens t) {
        ObjectNode tokens = node.putObject("tokens");
        tokens.put("input", t.input());
        tokens.put("output", t.output());
        tokens.put("cacheCreation", t.cacheCreation());
        tokens.put("cacheRead", t.cacheRead());
        tokens.put("total", t.total());
    }
}
