package dev.ccotel.ports.service.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ccotel.domain.model.CostSource;
import dev.ccotel.domain.model.Usage;
import dev.ccotel.ports.in.UsageQuery;
import dev.ccotel.ports.in.UsageReport;
import dev.ccotel.ports.out.ReadUsagePort;
import dev.ccotel.ports.out.UsageSlice;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rule that counts a session once whatever its sources (README, "Importing history"), on slices
 * as the store hands them: telemetry's unless the transcript's whole-session cost is higher.
 */
class CostSourceRuleTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T12:00:00Z"), ZoneOffset.UTC);
    private static final Instant QUARTER = Instant.parse("2026-12-07T07:45:00Z");

    private static UsageSlice slice(String session, double cost, CostSource source) {
        return new UsageSlice(session, "/p", QUARTER, QUARTER, "claude-sonnet-4-5",
                new UsageSlice.Priced(new Usage.Tokens(1000, 10, 0, 0), cost), UsageSlice.Priced.ZERO,
                new Usage.Activity(1, 0, 1, 0), Usage.CodeChanges.ZERO, 0, QUARTER, "", "", source);
    }

    private static UsageReport report(List<UsageSlice> slices, Map<String, ReadUsagePort.BothSources> both) {
        ReadUsagePort store = new ReadUsagePort() {
            @Override
            public List<UsageSlice> slices(Instant from, Instant to, Optional<String> project) {
                return slices;
            }

            @Override
            public Map<String, String> firstPrompts(Instant from, Instant to) {
                return Map.of();
            }

            @Override
            public Map<String, BothSources> inBothSources(Collection<String> sessionIds) {
                return both;
            }
        };
        return new ReportUsageService(store, CLOCK).report(new UsageQuery(UsageQuery.Grouping.SESSIONS,
                Optional.empty(), Optional.empty(), ZoneOffset.UTC, Optional.empty(), false));
    }

    @Test
    void bothSourcesAgreeing_telemetryCounts_once() {
        UsageReport r = report(List.of(slice("s", 0.010365, CostSource.TELEMETRY), slice("s", 0.010365,
                CostSource.TRANSCRIPT)), Map.of("s", new ReadUsagePort.BothSources(0.010365, 0.010365)));

        assertEquals(0.010365, r.totals().costUsd(), 1e-12);
        assertEquals(Map.of(CostSource.TELEMETRY, 1L), r.costSources());
        assertEquals(1, r.totals().activity().prompts());
    }

    @Test
    void transcriptHoldingMore_replacesTelemetry_neverAddsToIt() {
        UsageReport r = report(List.of(slice("s", 0.0051825, CostSource.TELEMETRY), slice("s", 0.010365,
                CostSource.TRANSCRIPT)), Map.of("s", new ReadUsagePort.BothSources(0.0051825, 0.010365)));

        assertEquals(0.010365, r.totals().costUsd(), 1e-12);
        assertEquals(Map.of(CostSource.TRANSCRIPT, 1L), r.rows().getFirst().costSources());
    }

    @Test
    void telemetryOnAnotherDay_stillKeepsTheTranscriptOut() {
        // the report's days hold only the imported slices; telemetry has the session in full elsewhere
        UsageReport r = report(List.of(slice("s", 0.01, CostSource.ESTIMATE)),
                Map.of("s", new ReadUsagePort.BothSources(0.02, 0.01)));

        assertEquals(0, r.totals().costUsd());
        assertEquals(Map.of(), r.costSources());
    }

    @Test
    void aSessionTelemetryNeverSaw_countsFromItsTranscript() {
        UsageReport r = report(List.of(slice("t", 0.5, CostSource.ESTIMATE), slice("u", 0.25, CostSource.TELEMETRY)),
                Map.of());

        assertEquals(0.75, r.totals().costUsd(), 1e-12);
        assertEquals(Map.of(CostSource.ESTIMATE, 1L, CostSource.TELEMETRY, 1L), r.costSources());
    }
}
