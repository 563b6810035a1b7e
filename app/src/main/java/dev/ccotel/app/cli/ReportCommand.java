package dev.ccotel.app.cli;

import dev.ccotel.adapter.sqlite.SqliteUsageReader;
import dev.ccotel.app.config.ConfigKeys;
import dev.ccotel.app.config.Settings;
import dev.ccotel.app.config.XdgDirs;
import dev.ccotel.app.report.ReportJson;
import dev.ccotel.app.report.ReportTables;
import dev.ccotel.ports.in.UsageQuery;
import dev.ccotel.ports.in.UsageReport;
import dev.ccotel.ports.service.ReportUsageService;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ccotel report}: what the local store holds, as tables or JSON. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Show usage from the local store: daily (default), sessions, models or projects.")
final class ReportCommand implements Callable<Integer> {
    private static final Pattern DAYS_AGO = Pattern.compile("(\\d{1,5})d");

    @ParentCommand
    CcotelCommand parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "daily|sessions|models|projects",
            description = "What one row is (default: daily)")
    String kind = "daily";

    @Option(names = "--since", paramLabel = "DATE", description = "First day, YYYY-MM-DD or e.g. 7d (7 days ago)")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Last day, YYYY-MM-DD or e.g. 1d")
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
        UsageQuery query;
        try {
            query = new UsageQuery(grouping(), date("--since", since, zone), date("--until", until, zone), zone,
                    Optional.ofNullable(project), breakdown);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(parent.spec.commandLine(), e.getMessage());
        }
        Settings settings = parent.settings(Map.of());
        String configured = settings.string(ConfigKeys.STORE_PATH);
        Path path = configured.isBlank() ? XdgDirs.storeFile(parent.environment) : Path.of(configured);
        SqliteUsageReader reader = new SqliteUsageReader(path);
        UsageReport report;
        try {
            report = new ReportUsageService(reader, parent.clock).report(query);
        } catch (IllegalStateException e) {
            parent.err.println("ccotel: " + e.getMessage());
            return Cli.FAILURE;
        }
        if (json) {
            parent.out.println(ReportJson.render(report));
        } else if (report.rows().isEmpty()) {
            parent.out.println(reader.exists() ? "No usage recorded in " + path + " for this selection."
                    : "No usage recorded yet: " + path + " does not exist.");
            parent.out.println("To get data flowing: 'ccotel cc install' points Claude Code at ccotel (open a new"
                    + " shell after it), and 'ccotel daemon' (or 'ccotel service install') runs the receiver.");
        } else {
            parent.out.print(ReportTables.render(report));
            parent.out.println("Cost and tokens: Claude Code's cost and token metrics (api_request events for");
            parent.out.println("sessions without them). Days in " + zone.getId() + ".");
        }
        return Cli.OK;
    }

    private UsageQuery.Grouping grouping() {
        try {
            return UsageQuery.Grouping.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown report '" + kind + "': choose daily, sessions, models or projects");
        }
    }

    private ZoneId zone() {
        if (timezone == null) {
            return parent.clock.getZone();
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new picocli.CommandLine.ParameterException(parent.spec.commandLine(),
                    "--timezone: '" + timezone + "' is not a time zone; write e.g. UTC, Europe/Berlin or +05:30");
        }
    }

    private Optional<LocalDate> date(String option, String text, ZoneId zone) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher ago = DAYS_AGO.matcher(text.strip());
        if (ago.matches()) {
            return Optional.of(LocalDate.ofInstant(parent.clock.instant(), zone).minusDays(Long.parseLong(ago.group(1))));
        }
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a date; write YYYY-MM-DD or e.g. 7d");
        }
    }
}
