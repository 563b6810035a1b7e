package dev.ccotel.app.report;

import dev.ccotel.ports.in.LimitWindow;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** {@code report limits} as a table or as JSON ({@code "report": "limits"}, schema as the other reports). */
public final class LimitsOutput {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LimitsOutput() {
    }

    public static String table(List<LimitWindow> rows, ZoneId zone) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-6s  %-16s  %-16s  %8s  %8s  %10s%n",
                "Window", "Started", "Starts anew", "Peak use", "Last use", "Cost in it"));
        for (LimitWindow row : rows) {
            out.append(String.format(Locale.ROOT, "%-6s  %-16s  %-16s  %7.0f%%  %7.0f%%  %10s%n",
                    row.window().label(), WHEN.format(row.start().atZone(zone)), WHEN.format(row.resetsAt().atZone(zone)),
                    row.peakPercent(), row.lastPercent(), String.format(Locale.ROOT, "$%.2f",
                            row.costUsd())));
        }
        return out.toString();
    }

    public static String json(List<LimitWindow> rows, ZoneId zone) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", ReportJson.SCHEMA);
        root.put("report", "limits");
        root.put("timezone", ReportJson.zoneName(zone));
        ArrayNode windows = root.putArray("rows");
        for (LimitWindow row : rows) {
            ObjectNode w = windows.addObject();
            w.put("window", row.window().id());
            w.put("start", iso(row.start()));
            w.put("resetsAt", iso(row.resetsAt()));
            w.put("peakUsedPercent", row.peakPercent());
            w.put("costUsd", ReportJson.money(row.costUsd()));
            ArrayNode uses = w.putArray("uses");
            for (LimitWindow.Use use : row.uses()) {
                uses.addObject().put("at", iso(use.at())).put("usedPercent", use.usedPercent());
            }
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String iso(Instant at) {
        return at.toString();
    }
}
