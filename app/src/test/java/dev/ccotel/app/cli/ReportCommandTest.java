package dev.ccotel.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.adapter.httpout.wire.WireEncoder;
import dev.ccotel.adapter.sqlite.SqliteStore;
import dev.ccotel.adapter.sqlite.StoreConfig;
import dev.ccotel.domain.ContentKind;
import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import dev.ccotel.ports.in.IngestLogsCommand;
import dev.ccotel.ports.in.IngestMetricsCommand;
import dev.ccotel.ports.service.ingest.ExportPipeline;
import dev.ccotel.ports.service.ingest.IngestLogsService;
import dev.ccotel.ports.service.ingest.IngestMetricsService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ccotel report} over a store that holds the four captured Claude Code sessions, compared
 * with the golden text and JSON under {@code src/test/resources/golden/report}. Set
 * {@code -Dgolden.update=true} to rewrite them after a deliberate change, then read the diff.
 */
class ReportCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    private static final Path GOLDEN = Path.of("src/test/resources/golden/report");

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private void storeTheFixtures() {
        storeTheFixtures(MappingOptions.privateByDefault("devbox"));
    }

    private void storeTheFixtures(MappingOptions options) {
        Path file = home.resolve(".local/share/ccotel/ccotel.db");
        try (SqliteStore store = SqliteStore.open(StoreConfig.at(file, false), CLOCK)) {
            ExportPipeline pipeline = new ExportPipeline(new OtlpMapper(CLOCK, options),
                    store.sessionStates(), new WireEncoder(), store.keeper(), CLOCK);
            for (String scenario : Fixtures.SCENARIOS) {
                new IngestLogsService(pipeline).ingest(new IngestLogsCommand(Fixtures.pbLogs(scenario)));
                new IngestMetricsService(pipeline).ingest(new IngestMetricsCommand(Fixtures.pbMetrics(scenario)));
            }
        }
    }

    private int run(String... args) {
        return Cli.run(args, Map.of("HOME", home.toString()), CLOCK, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"daily", "sessions", "models", "projects"})
    void report_matchesItsGoldenText_andFitsEightyColumns(String kind) throws IOException {
        storeTheFixtures();

        assertEquals(0, run("report", kind, "--timezone", "UTC", "--breakdown"), err.toString(StandardCharsets.UTF_8));

        assertGolden(kind + ".txt", out());
        for (String line : out().split("\n")) {
            if (!line.startsWith("Cost and tokens") && !line.matches("^[0-9a-f]{8}  [0-9a-f-]{36}  .*")) {
                assertTrue(line.length() <= 80, "wider than 80 columns (" + line.length() + "): " + line);
            }
        }
    }

    @Test
    void json_matchesItsGolden() throws IOException {
        storeTheFixtures();

        assertEquals(0, run("report", "daily", "--timezone", "UTC", "--json"));

        assertGolden("daily.json", out());
    }

    @Test
    void emptyStore_saysHowToGetDataFlowing() {
        assertEquals(0, run("report"));

        assertTrue(out().contains("No usage recorded yet"), out());
        assertTrue(out().contains("ccotel cc install"), out());
    }

    @Test
    void badDateOrZoneOrKind_isAUsageError_namingTheOption() {
        assertEquals(2, run("report", "--since", "someday"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--since"));
        assertEquals(2, run("report", "--timezone", "Mars/Olympus"));
        assertEquals(2, run("report", "fortnightly"));
        assertEquals(2, run("report", "--since", "2026-11-05", "--until", "2026-11-01"));
    }

    /** The error and the report's own usage line, not the whole top-level help (about 35 lines). */
    @Test
    void usageError_printsTheErrorAndTheSubcommandsUsageLine_only() {
        assertEquals(2, run("report", "--since", "someday"));

        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.getFirst().startsWith("ccotel: --since: 'someday' is not a date; write YYYY-MM-DD, today,"),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Usage: ccotel report ")), lines.toString());
        assertTrue(lines.getLast().contains("'ccotel report --help'"), lines.toString());
        assertTrue(lines.size() <= 6, "a few lines, not the whole help: " + lines);
    }

    @Test
    void dateWords_yesterdayTodayThisMonth_andWeeklyAndMonthlyReports() throws IOException {
        storeTheFixtures(); // the fixtures ran on 2026-11-26; the clock says 2026-12-01

        assertEquals(0, run("report", "--since", "yesterday", "--until", "today", "--json"));
        assertTrue(out().contains("\"since\" : \"2026-11-30\"") && out().contains("\"until\" : \"2026-12-01\""), out());
        out.reset();
        assertEquals(0, run("report", "--since", "this-month", "--until", "this-month", "--json"));
        assertTrue(out().contains("\"since\" : \"2026-12-01\"") && out().contains("\"until\" : \"2026-12-31\""), out());
        out.reset();
        assertEquals(0, run("report", "weekly", "--timezone", "UTC"));
        assertTrue(out().contains("Week of") && out().contains("2026-11-23"), out());
        out.reset();
        assertEquals(0, run("report", "monthly", "--timezone", "UTC", "--json"));
        assertTrue(out().contains("\"key\" : \"2026-11\""), out());
    }

    /** The first words of a session's first prompt: only where the user let prompt text be kept. */
    @Test
    void sessionsReport_showsTheFirstPromptsWords_onlyWhereKept() {
        storeTheFixtures(MappingOptions.privateByDefault("devbox").keeping(ContentKind.PROMPTS));

        assertEquals(0, run("report", "sessions", "--timezone", "UTC"));

        assertTrue(out().contains("\"Please RUNBASH now\""), out());
    }

    /** A working store with nothing in the selection is not told to install anything. */
    @Test
    void emptySelectionOfAWorkingStore_saysSo_withoutSetupAdvice() {
        storeTheFixtures();

        assertEquals(0, run("report", "--since", "2026-11-30"));

        assertTrue(out().contains("for this selection"), out());
        assertTrue(!out().contains("cc install"), out());
    }

    @Test
    void sinceAndUntil_acceptDaysAgo() {
        storeTheFixtures();

        assertEquals(0, run("report", "--since", "400d", "--until", "0d", "--json"));
        assertTrue(out().contains("\"since\" : \"2025-10-27\""), out());
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
            if (!Boolean.getBoolean("golden.update")) {
                throw new AssertionError("no golden file yet: wrote " + file.toAbsolutePath() + "; read it, then run again");
            }
        }
        assertEquals(Files.readString(file), actual, name);
    }

    /** Issue 24: spend against the budgets under the tables; the fixtures ran on 2026-11-26, this clock is 2026-12-01. */
    @Test
    void aBudgetEndsTheTablesWithSpendAgainstIt() {
        storeTheFixtures();
        assertEquals(0, run("report", "--timezone", "UTC", "--set", "budget.monthly-usd=0.02", "--set",
                "budget.daily-usd=10"), err.toString(StandardCharsets.UTF_8));
        assertTrue(out().contains("Budget: today $0.00 of $10.00 (0 %); this month $0.00 of $0.02 (0 %), at this pace"
                + " $0.00 by the month's end."), out());
        out.reset();
        // November's spend against a November budget: the report's own clock decides the month
        Clock november = Clock.fixed(Instant.parse("2026-11-26T23:00:00Z"), ZoneOffset.UTC);
        assertEquals(0, Cli.run(new String[] {"report", "--set", "budget.monthly-usd=0.02"}, Map.of("HOME",
                home.toString()), november, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(out().contains("this month $0.03 of $0.02 (130 %, over)"), out());
        assertEquals(2, run("report", "--set", "budget.daily-usd=-3"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("budget.daily-usd: '-3' is not an amount"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutAStatuslineEverySessionIsOfNoKnownRepository_andNoLimitWasSeen() {
        storeTheFixtures();
        assertEquals(0, run("report", "repos", "--json"), err.toString(StandardCharsets.UTF_8));
        assertTrue(out().contains("\"key\" : \"(no repository known)\""), out());
        out.reset();
        assertEquals(0, run("report", "limits"));
        assertTrue(out().startsWith("No limit use recorded"), out());
        out.reset();
        assertEquals(0, run("report", "limits", "--json"));
        assertTrue(out().contains("\"report\" : \"limits\"") && out().contains("\"rows\" : [ ]"), out());
    }
}
