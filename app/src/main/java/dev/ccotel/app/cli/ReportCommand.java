package dev.ccotel.app.cli;

import dev.ccotel.ports.in.LimitWindow;
import dev.ccotel.app.compose.CliComposition;
import dev.ccotel.ports.out.ReadUsagePort;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.app.config.StatuslineConfig;
import dev.ccotel.app.report.BudgetLine;
import dev.ccotel.app.report.LimitsTable;
import dev.ccotel.ports.service.report.LimitsReport;
import dev.ccotel.ports.service.statusline.Budgets;
import dev.ccotel.ports.service.statusline.Spend;
import java.util.List;
import dev.ccotel.adapter.transcripts.prices.PriceList;
import dev.ccotel.app.config.ImportConfig;
import dev.ccotel.domain.model.CostSource;
import dev.ccotel.app.config.Settings;
import dev.ccotel.adapter.httpin.report.ReportJson;
import dev.ccotel.app.report.ReportTables;
import dev.ccotel.ports.in.UsageQuery;
import dev.ccotel.ports.in.UsageReport;
import dev.ccotel.ports.service.report.ReportUsageService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.DayOfWeek;
import java.time.temporal.TemporalAdjusters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ccotel report}: what the local store holds, as tables or JSON. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Show usage from the local store: daily (default), weekly, monthly, sessions, models, projects,"
                + " repos, branches, or limits (the 5-hour and 7-day windows the statusline saw).")
final class ReportCommand implements Callable<Integer> {
    private static final Pattern DAYS_AGO = Pattern.compile("(\\d{1,5})d");
    private static final String DATES = "YYYY-MM-DD, today, yesterday, Nd (N days ago), this-week or this-month";

    @ParentCommand
    CcotelCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "daily|weekly|monthly|sessions|models|projects|repos|branches|limits",
            description = "What one row is (default: daily)")
    String kind = "daily";

    @Option(names = "--since", paramLabel = "DATE", description = "First day: " + DATES)
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Last day: " + DATES)
    String until;

    @Option(names = "--project", paramLabel = "PATH", description = "Only sessions of this project")
    String project;

    @Option(names = "--timezone", paramLabel = "ZONE", description = "Time zone of the days, e.g. Europe/Berlin (default: this machine's)")
    String timezone;

    @Option(names = "--breakdown", description = "Split each row by model")
    boolean breakdown;

    @Option(names = "--json", description = "Print JSON (schema in the README) instead of tables")
    boolean json;

    @Override
    public Integer call() {
        ZoneId zone = zone();
        if (kind.equalsIgnoreCase("limits")) {
            return limits(zone);
        }
        UsageQuery query;
        try {
            query = new UsageQuery(grouping(), date("--since", since, zone, false), date("--until", until, zone, true),
                    zone, Optional.ofNullable(project), breakdown);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Settings settings = parent.settings(Map.of());
        Path path = storePath(settings);
        ReadUsagePort reader = CliComposition.usage(path);
        Budgets budgets = StatuslineConfig.budgets(settings);
        UsageReport report;
        Optional<Spend> spend;
        try {
            ReportUsageService service = new ReportUsageService(reader, parent.clock);
            report = service.report(query);
            spend = budgets.any() ? Optional.of(Spend.of(service, parent.clock, zone)) : Optional.empty();
        } catch (IllegalStateException e) {
            parent.err.println("ccotel: " + e.getMessage());
            return Cli.FAILURE;
        }
        Optional<String> pricesAsOf = report.costSources().containsKey(CostSource.ESTIMATE)
                ? Optional.of(new PriceList(ImportConfig.pricesFile(path)).prices().asOf()) : Optional.empty();
        if (json) {
            try {
                ReportJson.write(report, pricesAsOf, parent.out); // UTF-8, as JSON is, whatever the terminal's charset
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            parent.out.println();
        } else if (report.rows().isEmpty()) {
            boolean filtered = since != null || until != null || project != null;
            if (CliComposition.storeExists(path) && filtered) {
                parent.out.println("No usage recorded in " + path + " for this selection; without --since, --until"
                        + " and --project the report covers everything the store holds.");
            } else {
                parent.out.println(CliComposition.storeExists(path) ? "No usage recorded in " + path + " yet."
                        : "No usage recorded yet: " + path + " does not exist.");
                parent.out.println("To get data flowing: 'ccotel cc install' points Claude Code at ccotel (open a new"
                        + " shell after it), and 'ccotel daemon' (or 'ccotel service install') runs the receiver.");
                parent.out.println("For the history before ccotel: 'ccotel import' reads Claude Code's transcripts.");
            }
        } else {
            parent.out.print(ReportTables.render(report));
            if (report.costSources().keySet().stream().allMatch(s -> s == CostSource.TELEMETRY)) {
                parent.out.println("Cost and tokens: Claude Code's cost and token metrics (api_request events for");
                parent.out.println("sessions without them)." + zoneNote(query));
            } else {
                parent.out.println(sourcesNote(report, pricesAsOf) + zoneNote(query));
            }
            spend.ifPresent(sp -> parent.out.println(BudgetLine.of(budgets, sp)));
        }
        return Cli.OK;
    }

    private Path storePath(Settings settings) {
        return DaemonConfig.storePath(settings, parent.environment);
    }

    /** {@code report limits}: the windows whose snapshots fall in the selected days. */
    private int limits(ZoneId zone) {
        Optional<LocalDate> from = date("--since", since, zone, false);
        Optional<LocalDate> to = date("--until", until, zone, true);
        ReadUsagePort reader = CliComposition.usage(storePath(parent.settings(Map.of())));
        List<LimitWindow> rows;
        try {
            rows = new LimitsReport(reader, parent.clock).windows(
                    from.map(d -> d.atStartOfDay(zone).toInstant()).orElse(java.time.Instant.EPOCH),
                    to.map(d -> d.plusDays(1).atStartOfDay(zone).toInstant())
                            .orElse(parent.clock.instant().plusSeconds(86_400)));
        } catch (IllegalStateException e) {
            parent.err.println("ccotel: " + e.getMessage());
            return Cli.FAILURE;
        }
        if (json) {
            parent.out.println(ReportJson.limits(rows, zone));
        } else if (rows.isEmpty()) {
            parent.out.println("No limit use recorded: Claude Code reports it to its statusline for Pro and Max plans"
                    + " (and behind a gateway); 'ccotel cc install' sets ccotel's statusline up.");
        } else {
            parent.out.print(LimitsTable.render(rows, zone));
            parent.out.println("Use as Claude Code's statusline saw it; cost from telemetry, to the quarter hour. Times"
                    + " in " + ReportJson.zoneName(zone) + ".");
        }
        return Cli.OK;
    }

    /** Which sessions' cost came from where, when not all from telemetry (README, "Cost source"). */
    private static String sourcesNote(UsageReport report, Optional<String> pricesAsOf) {
        List<String> parts = new ArrayList<>();
        Map<CostSource, Long> n = report.costSources();
        if (n.containsKey(CostSource.TELEMETRY)) {
            parts.add("from Claude Code's telemetry for " + n.get(CostSource.TELEMETRY) + " session(s)");
        }
        if (n.containsKey(CostSource.TRANSCRIPT)) {
            parts.add("from the cost Claude Code wrote in its transcripts for " + n.get(CostSource.TRANSCRIPT)
                    + " session(s)");
        }
        if (n.containsKey(CostSource.ESTIMATE)) {
            parts.add("estimated with LiteLLM's prices of " + pricesAsOf.orElse("?") + " for "
                    + n.get(CostSource.ESTIMATE) + " session(s)");
        }
        return "Cost and tokens: " + String.join(";\n", parts) + ".";
    }

    /** Where days (or start times) are cut: only for reports that have them. */
    private static String zoneNote(UsageQuery query) {
        String zone = ReportJson.zoneName(query.zone());
        if (query.grouping().byTime() || query.since().isPresent() || query.until().isPresent()) {
            return " Days in " + zone + ".";
        }
        return query.grouping() == UsageQuery.Grouping.SESSIONS ? " Times in " + zone + "." : "";
    }

    private UsageQuery.Grouping grouping() {
        try {
            return UsageQuery.Grouping.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown report '" + kind + "': choose daily, weekly, monthly, sessions,"
                    + " models, projects, repos, branches or limits");
        }
    }

    private ZoneId zone() {
        if (timezone == null) {
            return parent.clock.getZone();
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new ParameterException(spec.commandLine(),
                    "--timezone: '" + timezone + "' is not a time zone; write e.g. UTC, Europe/Berlin or +05:30");
        }
    }

    /** A day: a date, a word, or N days ago; {@code end} picks the last day of a week or month word. */
    private Optional<LocalDate> date(String option, String text, ZoneId zone, boolean end) {
        if (text == null) {
            return Optional.empty();
        }
        String word = text.strip().toLowerCase(Locale.ROOT);
        LocalDate today = LocalDate.ofInstant(parent.clock.instant(), zone);
        Matcher ago = DAYS_AGO.matcher(word);
        if (ago.matches()) {
            return Optional.of(today.minusDays(Long.parseLong(ago.group(1))));
        }
        switch (word) {
            case "today":
                return Optional.of(today);
            case "yesterday":
                return Optional.of(today.minusDays(1));
            case "this-week":
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                return Optional.of(end ? monday.plusDays(6) : monday);
            case "this-month":
                return Optional.of(end ? today.with(TemporalAdjusters.lastDayOfMonth()) : today.withDayOfMonth(1));
            default:
                break;
        }
        try {
            return Optional.of(LocalDate.parse(word));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a date; write " + DATES);
        }
    }
}
