package dev.ccotel.adapter.httpin.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccotel.adapter.httpin.report.ReportJson;
import dev.ccotel.domain.model.SessionSpan;
import dev.ccotel.ports.in.Overview;
import dev.ccotel.ports.in.SessionDetail;
import dev.ccotel.ports.model.TimelineEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.OptionalDouble;

/**
 * The dashboard's own documents: the overview and a session page. Usage objects, money and the sessions
 * report's row are written exactly as {@code ccotel report --json} writes them ({@link ReportJson}).
 */
final class DashboardJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DashboardJson() {
    }

    static String overview(Overview o) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", ReportJson.SCHEMA);
        root.put("generatedAt", o.generatedAt().toString());
        root.put("timezone", ReportJson.zoneName(o.zone()));
        root.put("today", o.today().toString());
        ObjectNode periods = root.putObject("periods");
        ReportJson.usage(periods.putObject("today"), o.day());
        ReportJson.usage(periods.putObject("week"), o.week());
        ReportJson.usage(periods.putObject("month"), o.month());
        if (o.budget().isPresent()) {
            Overview.Budget b = o.budget().get();
            ObjectNode budget = root.putObject("budget");
            money(budget, "dailyUsd", b.dailyUsd());
            money(budget, "monthlyUsd", b.monthlyUsd());
            money(budget, "sessionUsd", b.sessionUsd());
            budget.put("todayUsd", ReportJson.money(b.todayUsd()));
            budget.put("monthUsd", ReportJson.money(b.monthUsd()));
            budget.put("forecastMonthUsd", ReportJson.money(b.forecastMonthUsd()));
            budget.put("level", b.level());
        } else {
            root.putNull("budget");
        }
        ObjectNode sources = root.putObject("costSources"); // this month's sessions by where their cost comes from
        o.costSources().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> sources.put(e.getKey().wireName(), e.getValue()));
        ArrayNode limits = root.putArray("limits");
        for (Overview.LatestLimit l : o.limits()) {
            limits.addObject().put("window", l.window().window().id()).put("usedPercent", l.window().lastPercent())
                    .put("at", l.window().uses().getLast().at().toString())
                    .put("resetsAt", l.window().resetsAt().toString());
        }
        return ReportJson.text(root);
    }

    private static void money(ObjectNode node, String field, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(field, ReportJson.money(value.getAsDouble()));
        }
    }

    /** A session: its events, and its totals as the sessions report's row (with its project and models). */
    static String session(SessionDetail detail, String sessionsReport) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", ReportJson.SCHEMA);
        root.put("sessionId", detail.sessionId());
        JsonNode row = row(sessionsReport);
        if (row != null) {
            root.set("totals", row);
            if (row.has("project")) {
                root.put("project", row.get("project").asText());
            }
        } else {
            root.putNull("totals");
        }
        ArrayNode events = root.putArray("events");
        for (TimelineEvent e : detail.events()) {
            ObjectNode n = events.addObject();
            n.put("at", e.at().toString());
            n.put("type", e.type());
            text(n, "model", e.model());
            e.costUsd().ifPresent(c -> n.put("costUsd", ReportJson.money(c)));
            e.tokens().ifPresent(t -> ReportJson.tokens(n, t));
            e.durationMs().ifPresent(d -> n.put("durationMs", d));
            text(n, "tool", e.tool());
            text(n, "decision", e.decision());
            text(n, "source", e.source());
            e.success().ifPresent(s -> n.put("success", s));
            text(n, "error", e.error());
            e.prompt().ifPresent(p -> n.put("prompt", p));
            e.promptLength().ifPresent(l -> n.put("promptLength", l));
            e.statusCode().ifPresent(c -> n.put("statusCode", c));
        }
        ArrayNode spans = root.putArray("spans");
        for (SessionSpan sp : detail.spans()) {
            ObjectNode n = spans.addObject();
            n.put("id", sp.spanId());
            if (!sp.parentSpanId().isEmpty()) {
                n.put("parent", sp.parentSpanId());
            }
            n.put("kind", sp.kind());
            n.put("start", sp.start().toString());
            n.put("durationMs", sp.durationMs());
            text(n, "model", sp.model());
            text(n, "requestId", sp.requestId());
            text(n, "tool", sp.tool());
            text(n, "decision", sp.decision());
            text(n, "source", sp.source());
            sp.success().ifPresent(s -> n.put("success", s));
            sp.ttftMs().ifPresent(t -> n.put("ttftMs", t));
        }
        return ReportJson.text(root);
    }

    /** The session's row from a sessions report of it alone, as JSON; null when the report has none. */
    private static JsonNode row(String sessionsReport) {
        if (sessionsReport == null) {
            return null;
        }
        try {
            JsonNode rows = MAPPER.readTree(sessionsReport).path("rows");
            return rows.isArray() && !rows.isEmpty() ? rows.get(0) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tool decisions per day: {@code {"rows": [{"day": "2026-12-07", "accept": 3, "reject": 1}]}}. */
    static String decisions(java.util.SortedMap<java.time.LocalDate, java.util.Map<String, Long>> days,
            java.time.ZoneId zone) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", ReportJson.SCHEMA);
        root.put("timezone", ReportJson.zoneName(zone));
        ArrayNode rows = root.putArray("rows");
        days.forEach((day, counts) -> {
            ObjectNode row = rows.addObject().put("day", day.toString());
            counts.forEach(row::put);
        });
        return ReportJson.text(root);
    }

    /** {@code {"error": "..."}}. */
    static String error(String message) {
        return MAPPER.createObjectNode().put("error", message).toString();
    }

    private static void text(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }
}
