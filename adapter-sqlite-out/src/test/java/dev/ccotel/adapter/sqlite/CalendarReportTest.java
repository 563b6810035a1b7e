package dev.ccotel.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.model.CostSource;
import dev.ccotel.domain.model.Usage;
import dev.ccotel.ports.in.UsageQuery;
import dev.ccotel.ports.in.UsageReport;
import dev.ccotel.ports.out.CalendarUsage;
import dev.ccotel.ports.out.ReadUsagePort;
import dev.ccotel.ports.out.SessionUsage;
import dev.ccotel.ports.out.UsageSlice;
import dev.ccotel.ports.service.report.ReportUsageService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report of days, weeks, months or sessions summed by the store ({@link SqliteUsageReader#calendar},
 * {@link SqliteUsageReader#sessionUsage}) has the rows that adding up the store's slices one by one gives
 * ({@link ReportUsageService}'s rules, the reference):
 * over DST changes and zones a quarter or half hour off, month and week ends, windows, a project, with
 * imported sessions that win or lose against telemetry and sessions only imported. Seeded; the seed is
 * printed on failure.
 */
class CalendarReportTest {
    private static final long DAY = 86_400_000L;
    /** Ninety days over both autumn DST changes (Europe's 25 October, America's 1 November) and three month ends. */
    private static final long T0 = Instant.parse("2026-09-20T00:00:00Z").toEpochMilli();
    private static final long SPAN = 90 * DAY;
    private static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kathmandu",
            "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns");

    @TempDir
    Path dir;

    @Test
    void periodsAndSessionsSummedByTheStore_areTheRowsOfItsSlicesAddedUp() throws Exception {
        AtomicInteger summed = new AtomicInteger();
        for (int round = 0; round < 8; round++) {
            long seed = new Random().nextLong();
            try {
                check(seed, dir.resolve("round-" + round), summed);
            } catch (AssertionError | Exception e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
        }
        assertTrue(summed.get() >= 8 * 28, "the store summed the reports itself: " + summed.get());
    }

    private void check(long seed, Path folder, AtomicInteger summed) throws Exception {
        Random random = new Random(seed);
        Path file = UsageQuartersTest.newStore(folder);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            UsageQuartersTest.fill(c, random, T0, SPAN);
            alsoImported(c, random);
        }
        SqliteUsageReader reader = new SqliteUsageReader(file);
        ReadUsagePort counting = new SlicesOf(reader) { // the store's own sums, counted
            @Override
            public Optional<CalendarUsage> calendar(Instant from, Instant to, Optional<String> project, ZoneId zone,
                    CalendarUsage.Period period) {
                Optional<CalendarUsage> out = reader.calendar(from, to, project, zone, period);
                out.ifPresent(x -> summed.incrementAndGet());
                return out;
            }

            @Override
            public Optional<List<SessionUsage>> sessionUsage(Instant from, Instant to, Optional<String> project) {
                Optional<List<SessionUsage>> out = reader.sessionUsage(from, to, project);
                out.ifPresent(x -> summed.incrementAndGet());
                return out;
            }
        };
        ReadUsagePort slicesOnly = new SlicesOf(reader); // no sums of its own: the report adds the slices up
        Clock clock = Clock.fixed(Instant.ofEpochMilli(T0 + SPAN + random.nextLong(DAY)), ZoneOffset.UTC);
        ReportUsageService byStore = new ReportUsageService(counting, clock);
        ReportUsageService bySlices = new ReportUsageService(slicesOnly, clock);
        List<UsageQuery.Grouping> groupings = List.of(UsageQuery.Grouping.DAILY, UsageQuery.Grouping.WEEKLY,
                UsageQuery.Grouping.MONTHLY, UsageQuery.Grouping.SESSIONS);
        for (int q = 0; q < 32; q++) {
            ZoneId zone = ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
            LocalDate first = LocalDate.ofInstant(Instant.ofEpochMilli(T0), zone);
            Optional<LocalDate> since = q % 3 == 0 ? Optional.empty() : Optional.of(first.plusDays(random.nextInt(95) - 3));
            Optional<LocalDate> until = q % 4 == 0 ? Optional.empty()
                    : Optional.of(since.orElse(first).plusDays(random.nextInt(60)));
            Optional<String> project = q % 5 == 1 ? Optional.of("/p" + random.nextInt(3)) : Optional.empty();
            UsageQuery.Grouping grouping = groupings.get(q % 4);
            // a sessions report split by model adds the slices up (its rows' model shares)
            boolean breakdown = grouping != UsageQuery.Grouping.SESSIONS && random.nextBoolean();
            UsageQuery query = new UsageQuery(grouping, since, until, zone, project, breakdown);
            assertSameReport(bySlices.report(query), byStore.report(query), query.toString());
        }
        // a hub's store (schema-5.sql): reports by member, or member and machine, of the sessions members sent
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO members (name, token_sha256, added_at) VALUES ('ada', 'a', 0), ('bob', 'b', 0)");
            s.executeUpdate("UPDATE sessions SET member_id = CASE abs(random()) % 3 WHEN 0 THEN NULL WHEN 1 THEN 1"
                    + " ELSE 2 END");
        }
        SqliteUsageReader hub = SqliteUsageReader.byMember(file, random.nextBoolean());
        for (int q = 0; q < 6; q++) {
            ZoneId zone = ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
            Optional<String> member = q % 2 == 0 ? Optional.empty() : Optional.of(random.nextBoolean() ? "ada" : "bob@h");
            UsageQuery query = new UsageQuery(groupings.get(q % 3), Optional.empty(), Optional.empty(), zone, member,
                    random.nextBoolean());
            Optional<CalendarUsage> summedByHub = hub.calendar(Instant.EPOCH, Instant.ofEpochMilli(T0 + 2 * SPAN), member,
                    zone, CalendarUsage.Period.DAY);
            assertTrue(summedByHub.isPresent(), "a hub's store sums periods too");
            assertSameReport(new ReportUsageService(new SlicesOf(hub), clock).report(query),
                    new ReportUsageService(hub, clock).report(query), "at a hub: " + query);
        }
    }

    /** A reader without the sums it makes itself: a report adds up its slices. */
    private static class SlicesOf implements ReadUsagePort {
        private final SqliteUsageReader reader;

        SlicesOf(SqliteUsageReader reader) {
            this.reader = reader;
        }

        @Override
        public List<UsageSlice> slices(Instant from, Instant to, Optional<String> project) {
            return reader.slices(from, to, project);
        }

        @Override
        public Map<String, BothSources> inBothSources(Collection<String> sessionIds) {
            return reader.inBothSources(sessionIds);
        }

        @Override
        public Map<String, String> firstPrompts(Instant from, Instant to) {
            return reader.firstPrompts(from, to);
        }
    }

    /**
     * Transcripts of some telemetry sessions (costing more than telemetry saw, so they count, or not) and of
     * sessions telemetry never saw, over the same days.
     */
    private static void alsoImported(Connection c, Random random) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) { // what telemetry saw of each session in all
            s.executeUpdate("UPDATE sessions SET cost_usd = abs(random() % 1000) / 100.0");
        }
        try (PreparedStatement context = c.prepareStatement("INSERT OR IGNORE INTO session_context (session_id,"
                + " first_seen, last_seen, project_dir, cwd, repo, branch) VALUES (?, 0, 0, ?, ?, ?, ?)")) {
            for (int i = 0; i < 12; i++) { // what statuslines told, in part
                context.setString(1, "s" + i);
                context.setString(2, random.nextBoolean() ? "/p" + random.nextInt(3) : null);
                context.setString(3, random.nextBoolean() ? "/p" + random.nextInt(3) + "/sub" : null);
                context.setString(4, random.nextBoolean() ? "github.com/acme/app" : null);
                context.setString(5, random.nextBoolean() ? "main" : null);
                context.executeUpdate();
            }
        }
        try (PreparedStatement session = c.prepareStatement("INSERT INTO imported_sessions (session_id, project,"
                + " git_branch, app_version, started_at, ended_at, cost_source, settled, cost_usd, prompts, lines_added,"
                + " lines_removed, prices_as_of, imported_at) VALUES (?, ?, 'from-a-transcript', '2.1', ?, ?, ?, 1, ?, 0, ?, ?, '', 0)");
                PreparedStatement usage = c.prepareStatement("INSERT OR IGNORE INTO imported_usage (session_id, quarter,"
                        + " model, input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens, cost_usd,"
                        + " prompts, api_requests) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int sessions = 4 + random.nextInt(8);
            for (int i = 0; i < sessions; i++) {
                String id = random.nextBoolean() ? "s" + random.nextInt(12) : "t" + i; // telemetry's, or its own
                long start = T0 + random.nextLong(SPAN);
                session.setString(1, id);
                session.setString(2, "/p" + random.nextInt(3));
                session.setLong(3, start);
                session.setLong(4, start + DAY);
                session.setString(5, List.of(CostSource.TRANSCRIPT, CostSource.ESTIMATE).get(random.nextInt(2)).wireName());
                session.setDouble(6, random.nextInt(2000) / 100.0);
                session.setLong(7, random.nextInt(500));
                session.setLong(8, random.nextInt(100));
                if (session.executeUpdate() == 0) {
                    continue;
                }
                int rows = 1 + random.nextInt(40);
                for (int r = 0; r < rows; r++) {
                    usage.setString(1, id);
                    usage.setLong(2, (start + random.nextLong(2 * DAY)) / SqliteUsageReader.QUARTER_MS
                            * SqliteUsageReader.QUARTER_MS);
                    usage.setString(3, List.of("", "claude-opus-4-5", "claude-sonnet-4-5").get(random.nextInt(3)));
                    usage.setLong(4, random.nextInt(10_000));
                    usage.setLong(5, random.nextInt(1_000));
                    usage.setLong(6, random.nextInt(10_000));
                    usage.setLong(7, random.nextInt(100_000));
                    usage.setDouble(8, random.nextInt(100_000) / 1e6);
                    usage.setLong(9, random.nextInt(3));
                    usage.setLong(10, random.nextInt(3));
                    usage.executeUpdate();
                }
            }
        } catch (SQLException e) {
            if (!e.getMessage().contains("UNIQUE")) {
                throw e;
            }
        }
        c.commit();
        c.setAutoCommit(true);
    }

    private static void assertSameReport(UsageReport expected, UsageReport actual, String query) {
        assertEquals(expected.rows().stream().map(UsageReport.Row::key).toList(),
                actual.rows().stream().map(UsageReport.Row::key).toList(), query + ": the same rows");
        for (int i = 0; i < expected.rows().size(); i++) {
            UsageReport.Row e = expected.rows().get(i);
            UsageReport.Row a = actual.rows().get(i);
            String where = query + ", row " + e.key();
            assertSameUsage(e.usage(), a.usage(), where);
            assertEquals(e.costSources(), a.costSources(), where + ": cost sources");
            assertEquals(e.detail(), a.detail(), where);
            assertEquals(e.session(), a.session(), where + ": the session's facts");
            assertEquals(byModel(e.models()).keySet(), byModel(a.models()).keySet(), where + ": the models");
            byModel(e.models()).forEach((model, share) -> {
                UsageReport.ModelShare other = byModel(a.models()).get(model);
                assertEquals(share.tokens(), other.tokens(), where + ", " + model);
                assertEquals(share.costUsd(), other.costUsd(), 1e-9, where + ", " + model);
            });
        }
        assertSameUsage(expected.totals(), actual.totals(), query + ", totals");
        assertEquals(expected.costSources(), actual.costSources(), query + ", totals' cost sources");
    }

    private static void assertSameUsage(Usage e, Usage a, String where) {
        assertEquals(e.sessions(), a.sessions(), where + ": sessions");
        assertEquals(e.tokens(), a.tokens(), where + ": tokens");
        assertEquals(e.costUsd(), a.costUsd(), 1e-9, where + ": cost");
        assertEquals(e.activity(), a.activity(), where + ": activity");
        assertEquals(e.code(), a.code(), where + ": code");
        assertEquals(e.activeSeconds(), a.activeSeconds(), 1e-6, where + ": active time");
    }

    private static Map<String, UsageReport.ModelShare> byModel(List<UsageReport.ModelShare> shares) {
        Map<String, UsageReport.ModelShare> out = new TreeMap<>();
        shares.forEach(s -> out.put(s.model(), s));
        return out;
    }
}
