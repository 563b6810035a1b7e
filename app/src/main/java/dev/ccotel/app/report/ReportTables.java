package dev.ccotel.app.report;

import com.github.freva.asciitable.AsciiTable;
import dev.ccotel.adapter.httpin.report.ReportJson;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.ColumnData;
import com.github.freva.asciitable.HorizontalAlign;
import dev.ccotel.domain.model.Usage;
import dev.ccotel.ports.in.UsageQuery;
import dev.ccotel.ports.in.UsageReport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A report as two tables for a terminal of 80 columns: tokens and cost (as ccusage's daily report
 * shows them), then what only telemetry knows (sessions, prompts, tools, API calls, code, active
 * time). Numbers right-aligned with thousands separators; a totals row at the bottom of each.
 */
public final class ReportTables {
    private static final Character[] BORDER = AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS_NO_OUTSIDE_BORDER;
    /** Dates, short session ids, model names; project paths are cut to this from the left. */
    static final int KEY_WIDTH = 12;

    private ReportTables() {}

    public static String render(UsageReport report) {
        Numbers n = new Numbers();
        List<Line> lines = lines(report);
        String head = heading(report.query().grouping());
        StringBuilder out = new StringBuilder();
        boolean byModel = report.query().grouping() == UsageQuery.Grouping.MODELS;
        List<ColumnData<Line>> costColumns = new ArrayList<>(List.of(text(head, l -> l.key)));
        if (byModel) {
            costColumns.add(column("Sess", l -> n.count(l.usage.sessions())));
        }
        costColumns.addAll(List.of(
                column("Input", l -> n.count(l.usage.tokens().input())),
                column("Output", l -> n.count(l.usage.tokens().output())),
                column("Cache wr", l -> n.count(l.usage.tokens().cacheCreation())),
                column("Cache rd", l -> n.count(l.usage.tokens().cacheRead())),
                column("Tokens", l -> n.count(l.usage.tokens().total())),
                column("Cost $", l -> n.cost(l.usage.costUsd()))));
        out.append(AsciiTable.getTable(BORDER, lines, costColumns));
        out.append("\n\n");
        if (byModel) {
            // Prompts, tools, lines and active time belong to sessions, not to models.
            out.append(String.format(Locale.ROOT, "Per session, not per model: %,d prompt(s), %,d tool call(s),%n"
                    + "%,d/%,d API requests/errors, +%,d/-%,d lines, active %s.%n", report.totals().activity().prompts(),
                    report.totals().activity().toolCalls(), report.totals().activity().apiRequests(),
                    report.totals().activity().apiErrors(), report.totals().code().linesAdded(),
                    report.totals().code().linesRemoved(), n.duration(report.totals().activeSeconds())));
            return out.toString();
        }
        List<Line> rowsOnly = lines.stream().filter(l -> !l.modelShare).toList();
        out.append(AsciiTable.getTable(BORDER, rowsOnly, List.of(
                text(head, l -> l.key),
                column("Sess", l -> n.count(l.usage.sessions())),
                column("Prompts", l -> n.count(l.usage.activity().prompts())),
                column("Tools", l -> n.count(l.usage.activity().toolCalls())),
                column("API/err", l -> n.count(l.usage.activity().apiRequests()) + "/"
                        + n.count(l.usage.activity().apiErrors())),
                column("Lines +/-", l -> "+" + n.count(l.usage.code().linesAdded()) + "/-"
                        + n.count(l.usage.code().linesRemoved())),
                column("Git/PR", l -> n.count(l.usage.code().commits()) + "/" + n.count(l.usage.code().pullRequests())),
                column("Active", l -> n.duration(l.usage.activeSeconds())))));
        out.append('\n');
        if (report.query().grouping() == UsageQuery.Grouping.SESSIONS) {
            out.append('\n');
            for (UsageReport.Row row : report.rows()) {
                out.append(shortId(row.key())).append("  ").append(row.key()).append("  ").append(row.detail());
                if (!row.costSources().isEmpty()) {
                    out.append(", cost: ").append(ReportJson.costSource(row.costSources()));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String heading(UsageQuery.Grouping grouping) {
        return switch (grouping) {
            case DAILY -> "Date";
            case WEEKLY -> "Week of";
            case MONTHLY -> "Month";
            case SESSIONS -> "Session";
            case MODELS -> "Model";
            case PROJECTS -> "Project";
            case REPOS -> "Repository";
            case BRANCHES -> "Branch";
        };
    }

    /** A table line: a row, one model's share of it (indented), or the totals. */
    private record Line(String key, Usage usage, boolean modelShare) {}

    private static List<Line> lines(UsageReport report) {
        boolean sessions = report.query().grouping() == UsageQuery.Grouping.SESSIONS;
        List<Line> lines = new ArrayList<>();
        for (UsageReport.Row row : report.rows()) {
            String key = switch (report.query().grouping()) {
                case SESSIONS -> shortId(row.key());
                case MODELS -> fit(model(row.key()));
                case DAILY, WEEKLY, MONTHLY, PROJECTS, REPOS, BRANCHES -> fit(row.key());
            };
            lines.add(new Line(key, row.usage(), false));
            // A models report is already by model: its breakdown would repeat every row.
            List<UsageReport.ModelShare> shares = report.query().grouping() == UsageQuery.Grouping.MODELS ? List.of()
                    : row.models();
            for (UsageReport.ModelShare share : shares) {
                lines.add(new Line(" " + fit(model(share.model()), KEY_WIDTH - 1), new Usage(0, share.tokens(), share.costUsd(),
                        Usage.Activity.ZERO, Usage.CodeChanges.ZERO, 0), true));
            }
        }
        lines.add(new Line("Total", report.totals(), false));
        return lines;
    }

    /** "claude-sonnet-4-5" says no more than "sonnet-4-5" in a column of Claude models. */
    private static String model(String name) {
        return name.startsWith("claude-") ? name.substring("claude-".length()) : name;
    }

    private static String fit(String key) {
        return fit(key, KEY_WIDTH);
    }

    /** At most {@code width} characters; a longer key (a project path) keeps its end, which tells most. */
    private static String fit(String key, int width) {
        return key.length() <= width ? key : "…" + key.substring(key.length() - width + 1);
    }

    /** Session ids are 36 characters; the first 8 tell them apart in a table (the full ids follow it). */
    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    /**
     * The table's numbers, formatted as {@code String.format(Locale.ROOT, ...)} would ({@code %,d}, {@code %,.4f}):
     * a formatter per render, since {@code String.format} builds a {@code NumberFormat} at every call, and a
     * year's sessions report formats 300,000 cells.
     */
    static final class Numbers {
        private final DecimalFormat count = format("#,##0");
        private final DecimalFormat cents = format("#,##0.00");
        /** Cents hide what a session costs (a few tenths of a cent); above a dollar they are enough. */
        private final DecimalFormat tenthsOfCents = format("#,##0.0000");
        private final DecimalFormat tenths = format("0.0");
        private final DecimalFormat twoDigits = format("00");

        private static DecimalFormat format(String pattern) {
            DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
            f.setRoundingMode(RoundingMode.HALF_UP);
            return f;
        }

        /** String.format rounds a double's shortest decimal form half up, not its binary value: so these do. */
        private static String decimal(DecimalFormat f, double value) {
            return f.format(BigDecimal.valueOf(value));
        }

        String count(long n) {
            return count.format(n);
        }

        String cost(double usd) {
            return decimal(usd < 1 ? tenthsOfCents : cents, usd);
        }

        String duration(double seconds) {
            long s = Math.round(seconds);
            return seconds < 59.95 ? decimal(tenths, seconds) + "s"
                    : s < 3600 ? (s / 60) + "m" + twoDigits.format(s % 60) + "s"
                    : (s / 3600) + "h" + twoDigits.format(s / 60 % 60) + "m";
        }
    }

    private static ColumnData<Line> text(String header, Function<Line, String> value) {
        return new Column().header(header).headerAlign(HorizontalAlign.LEFT).dataAlign(HorizontalAlign.LEFT)
                .with(value);
    }

    private static ColumnData<Line> column(String header, Function<Line, String> value) {
        return new Column().header(header).headerAlign(HorizontalAlign.RIGHT).dataAlign(HorizontalAlign.RIGHT)
                .with(value);
    }
}
