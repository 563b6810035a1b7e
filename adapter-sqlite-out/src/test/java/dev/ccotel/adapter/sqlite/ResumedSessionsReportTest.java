package dev.ccotel.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ccotel.domain.fixtures.Captures2_1_332;
import dev.ccotel.ports.in.UsageQuery;
import dev.ccotel.ports.in.UsageQuery.Grouping;
import dev.ccotel.ports.in.UsageReport;
import dev.ccotel.ports.service.report.ReportUsageService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real --continue and --resume captures: the throw-away start-up session is kept but not counted. */
class ResumedSessionsReportTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void continueAndResume_areOneSessionOfWork_theThrowAwaySessionIsNotCounted() throws Exception {
        try (StoreHarness h = StoreHarness.open(dir, false, CLOCK)) {
            for (String run : List.of("resume/1-first", "resume/2-continue", "resume/3-resume")) {
                h.send(Captures2_1_332.logs(run));
                h.send(Captures2_1_332.metrics(run));
            }
            assertEquals(2, h.count("SELECT COUNT(*) FROM sessions"), "both sessions are kept");
        }
        UsageReport report = new ReportUsageService(new SqliteUsageReader(dir.resolve("ccotel.db")), CLOCK)
                .report(new UsageQuery(Grouping.SESSIONS, Optional.empty(), Optional.empty(), ZoneOffset.UTC,
                        Optional.empty(), false));

        assertEquals(1, report.totals().sessions());
        assertEquals(3, report.totals().activity().prompts());
        assertEquals(0.0051825 * 3, report.totals().costUsd(), 1e-9);
    }
}
