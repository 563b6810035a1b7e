package dev.ccotel.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.fixtures.Otlp;
import dev.ccotel.domain.model.Usage;
import dev.ccotel.ports.in.UsageQuery;
import dev.ccotel.ports.in.UsageQuery.Grouping;
import dev.ccotel.ports.in.UsageReport;
import dev.ccotel.ports.service.report.ReportUsageService;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports over a real store file, filled by the real ingest path. */
class UsageReportTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private UsageReport report(Grouping grouping, ZoneId zone, Optional<LocalDate> since, Optional<LocalDate> until,
            Optional<String> project, boolean breakdown) {
        return new ReportUsageService(new SqliteUsageReader(dir.resolve("ccotel.db")), CLOCK)
                .report(new UsageQuery(grouping, since, until, zone, project, breakdown));
    }

    private UsageReport report(Grouping grouping) {
        return report(grouping, ZoneOffset.UTC, Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    private void storeAllScenarios() {
        try (StoreHarness h = StoreHarness.open(dir, false, CLOCK)) {
            for (String scenario : Fixtures.SCENARIOS) {
                h.send(Fixtures.pbLogs(scenario));
                h.send(Fixtures.pbMetrics(scenario));
            }
        }
    }

    @Test
    void fourFixtureSessions_totalsAreTheSumOfWhatClaudeCodeReported() {
        storeAllScenarios();

        UsageReport daily = report(Grouping.DAILY);

        Usage t = daily.totals();
        assertEquals(0.0051825 + 0.010365 + 0.010365, t.costUsd(), 1e-9);
        assertEquals(new Usage.Tokens(1200 + 2400 + 2400, 87 + 174 + 174, 50 + 100 + 100, 300 + 600 + 600), t.tokens());
        assertEquals(4, t.sessions(), "every fixture session has a prompt");
        assertEquals(4, t.activity().prompts());
        assertEquals(2, t.activity().toolCalls());
        assertEquals(1 + 2 + 2, t.activity().apiRequests());
        assertEquals(1, t.activity().apiErrors());
        assertEquals(3, t.code().linesAdded());
        assertEquals(daily.rows().stream().mapToDouble(r -> r.usage().costUsd()).sum(), t.costUsd(), 1e-12);
    }

    @Test
    void costAndTokensAreCountedOnce_fromMetrics_andFromEventsOnlyWithoutMetrics() {
        try (StoreHarness h = StoreHarness.open(dir, false, CLOCK)) {
            h.send(Fixtures.pbLogs("write-file")); // events carry cost too
            h.send(Fixtures.pbMetrics("write-file"));
            h.send(Fixtures.pbLogs("text-reply")); // logs only: its cost comes from api_request events
        }
        UsageReport sessions = report(Grouping.SESSIONS);

        assertEquals(0.010365 + 0.0051825, sessions.totals().costUsd(), 1e-9);
        assertEquals(2400 + 1200, sessions.totals().tokens().input());
    }

    @Test
    void sessionsReport_oneRowPerSession_withProjectAndStart_modelsAndProjectsByCost() {
        storeAllScenarios();

        assertEquals(4, report(Grouping.SESSIONS).rows().size());
        List<UsageReport.Row> models = report(Grouping.MODELS).rows();
        assertEquals("claude-sonnet-4-5", models.get(0).key());
        assertEquals(0.0259125, models.get(0).usage().costUsd(), 1e-9);
        List<UsageReport.Row> projects = report(Grouping.PROJECTS).rows();
        assertTrue(projects.stream().anyMatch(r -> r.key().equals("/home/dev/projects/acme")), projects.toString());
        UsageReport acme = report(Grouping.DAILY, ZoneOffset.UTC, Optional.empty(), Optional.empty(),
                Optional.of("/home/dev/projects/acme"), false);
        assertEquals(0.0051825, acme.totals().costUsd(), 1e-9, "only the text-reply session has that pwd");
    }

    @Test
    void breakdown_splitsEachRowByModel() {
        storeAllScenarios();

        UsageReport.Row day = report(Grouping.DAILY, ZoneOffset.UTC, Optional.empty(), Optional.empty(),
                Optional.empty(), true).rows().get(0);

        assertEquals(1, day.models().size());
        assertEquals(day.usage().costUsd(), day.models().get(0).costUsd(), 1e-12);
    }

    @Test
    void daysFollowTheTimeZone_andSinceUntilCutAtLocalMidnight() {
        // Two prompts of one session: 23:30 UTC on 1 Nov and 00:30 UTC on 2 Nov.
        long first = Instant.parse("2026-11-01T23:30:00Z").toEpochMilli() * 1_000_000;
        long second = Instant.parse("2026-11-02T00:30:00Z").toEpochMilli() * 1_000_000;
        try (StoreHarness h = StoreHarness.open(dir, false, CLOCK)) {
            h.send(Otlp.logs(Otlp.claudeCode(), List.of(
                    Otlp.event(first, Otlp.attrs("session.id", "s", "event.name", "user_prompt", "event.sequence", 1)),
                    Otlp.event(second, Otlp.attrs("session.id", "s", "event.name", "user_prompt", "event.sequence", 2)))));
            h.send(Otlp.metrics(Otlp.claudeCode(), List.of(Otlp.sum("claude_code.cost.usage",
                    AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA, List.of(
                            Otlp.point(first - 1, first, 1.0, Otlp.attrs("session.id", "s", "model", "m")),
                            Otlp.point(second - 1, second, 2.0, Otlp.attrs("session.id", "s", "model", "m")))))));
        }

        List<UsageReport.Row> utc = report(Grouping.DAILY).rows();
        assertEquals(List.of("2026-11-01", "2026-11-02"), utc.stream().map(UsageReport.Row::key).toList());
        assertEquals(1.0, utc.get(0).usage().costUsd());

        ZoneId berlin = ZoneId.of("Europe/Berlin"); // UTC+1 in November: both fall on 2 Nov
        List<UsageReport.Row> local = report(Grouping.DAILY, berlin, Optional.empty(), Optional.empty(),
                Optional.empty(), false).rows();
        assertEquals(List.of("2026-11-02"), local.stream().map(UsageReport.Row::key).toList());
        assertEquals(2, local.get(0).usage().activity().prompts());

        ZoneId newYork = ZoneId.of("America/New_York"); // UTC-5: both on 1 Nov
        UsageReport onlySecondDay = report(Grouping.DAILY, newYork, Optional.of(LocalDate.parse("2026-11-02")),
                Optional.empty(), Optional.empty(), false);
        assertTrue(onlySecondDay.rows().isEmpty(), onlySecondDay.rows().toString());
        UsageReport kolkata = report(Grouping.DAILY, ZoneId.of("Asia/Kolkata"), Optional.of(LocalDate.parse("2026-11-02")),
                Optional.of(LocalDate.parse("2026-11-02")), Optional.empty(), false); // UTC+5:30
        assertEquals(3.0, kolkata.totals().costUsd(), "both fall on 2 Nov in Kolkata");
    }

    @Test
    void sessionWithoutPromptOrApiRequest_isNotASessionOfWork() {
        try (StoreHarness h = StoreHarness.open(dir, false, CLOCK)) {
            h.send(Fixtures.pbLogs("write-file"));
            h.send(Otlp.logs(Otlp.claudeCode(), List.of(Otlp.event(1_795_706_896_000_000_000L,
                    Otlp.attrs("session.id", "throw-away", "event.name", "plugin_loaded")))));
        }
        assertEquals(1, report(Grouping.DAILY).totals().sessions());
    }

    @Test
    void noStoreYet_isAnEmptyReport() {
        assertTrue(report(Grouping.DAILY).rows().isEmpty());
    }
}
