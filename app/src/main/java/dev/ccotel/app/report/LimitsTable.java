package dev.ccotel.app.report;

import dev.ccotel.ports.in.LimitWindow;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** {@code report limits} as a table (its JSON is {@link dev.ccotel.adapter.httpin.report.ReportJson#limits}). */
public final class LimitsTable {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private LimitsTable() {
    }

    public static String render(List<LimitWindow> rows, ZoneId zone) {
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

}
