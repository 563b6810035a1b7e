package dev.ccotel.ports.service.statusline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.context.SessionContext;
import dev.ccotel.domain.model.Usage;
import dev.ccotel.ports.in.ReportUsageUseCase;
import dev.ccotel.ports.in.StatuslineLook;
import dev.ccotel.ports.in.UsageReport;
import dev.ccotel.ports.out.KeepSessionContextPort;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class StatuslineServiceTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** Keeps in a list; the cost of a session is what the test put in {@link #telemetry}. */
    private static class Contexts implements KeepSessionContextPort {
        final List<SessionContext> kept = new ArrayList<>();
        final Map<String, Double> telemetry = new HashMap<>();

        @Override
        public void keep(SessionContext context) {
            kept.add(context);
        }

        @Override
        public OptionalDouble telemetryCostUsd(String sessionId) {
            Double d = telemetry.get(sessionId);
            return d == null ? OptionalDouble.empty() : OptionalDouble.of(d);
        }
    }

    /** A day's report with one row: today at {@code todayUsd}, the month's total {@code monthUsd}. */
    private static ReportUsageUseCase spent(double todayUsd, double monthUsd) {
        return query -> new UsageReport(query, List.of(new UsageReport.Row("2026-12-07", "", usage(todayUsd), List.of()),
                new UsageReport.Row("2026-12-03", "", usage(monthUsd - todayUsd), List.of())), usage(monthUsd));
    }

    private static Usage usage(double usd) {
        return new Usage(1, Usage.Tokens.ZERO, usd, Usage.Activity.ZERO, Usage.CodeChanges.ZERO, 0);
    }

    private static SessionContext context(double clientCost, List<SessionContext.RateLimit> limits) {
        return new SessionContext("s-1", NOW, Optional.of("/work/ccotel"), Optional.of("/work/ccotel/app"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("Sonnet 4.5"), Optional.of("2.1.332"),
                Optional.of(new SessionContext.ClientFigures(clientCost, 3, 0)), limits);
    }

    private static StatuslineService service(Contexts contexts, Budgets budgets, String format) {
        return new StatuslineService(contexts, folder -> new SessionContext.GitPlace(Optional.of("github.com/me/ccotel"),
                Optional.of("feature/demo"), Optional.empty()), Optional.of(spent(1.2, 40)), budgets,
                new BudgetWatch(budgets, (t, x) -> { }), StatuslineFormat.parse(format), ColourChoice.AUTO, CLOCK,
                ZoneOffset.UTC);
    }

    @Test
    void claudeCodesOwnFigureIsShownMarkedUntilTelemetryArrives() {
        Contexts contexts = new Contexts();
        StatuslineService service = service(contexts, Budgets.NONE, StatuslineFormat.DEFAULT);
        assertEquals("~$0.016 · today $1.20 · Sonnet 4.5", service.line(context(0.0155475, List.of()),
                StatuslineLook.PLAIN));
        contexts.telemetry.put("s-1", 0.0);
        assertEquals("~$0.016 · today $1.20 · Sonnet 4.5", service.line(context(0.0155475, List.of()),
                StatuslineLook.PLAIN), "a session row with no cost yet is no figure");
        contexts.telemetry.put("s-1", 0.010365);
        assertEquals("$0.010 · today $1.20 · Sonnet 4.5", service.line(context(0.0155475, List.of()),
                StatuslineLook.PLAIN));
    }

    @Test
    void limitsShowUseAndResetTimeAndLeaveOutAWindowThatHasPassed() {
        StatuslineService service = service(new Contexts(), Budgets.NONE, "{limits}");
        List<SessionContext.RateLimit> limits = List.of(
                new SessionContext.RateLimit(SessionContext.Window.FIVE_HOUR, 42, NOW.plusSeconds(3 * 3600)),
                new SessionContext.RateLimit(SessionContext.Window.SEVEN_DAY, 17, NOW.plusSeconds(5 * 86_400)));
        assertEquals("5h 42% ↺13:00 7d 17% ↺Sat 10:00", service.line(context(0, limits), StatuslineLook.PLAIN));
        List<SessionContext.RateLimit> passed = List.of(
                new SessionContext.RateLimit(SessionContext.Window.FIVE_HOUR, 99, NOW.minusSeconds(60)));
        assertEquals("", service.line(context(0, passed), StatuslineLook.PLAIN));
    }

    @Test
    void budgetsShowSpendAgainstThemAndTheMonthsForecast() {
        Budgets budgets = new Budgets(OptionalDouble.of(10), OptionalDouble.of(100), OptionalDouble.empty());
        StatuslineService service = service(new Contexts(), budgets, "{today} · {month}");
        // $40 in 6 days and 10 hours of a 31-day month: $193 at that pace
        assertEquals("today $1.20/$10.00 · month $40.00/$100 → $193", service.line(context(0, List.of()),
                StatuslineLook.PLAIN));
        String coloured = service.line(context(0, List.of()), new StatuslineLook(java.util.OptionalInt.empty(), true));
        assertTrue(coloured.contains("\u001b[31m → $193"), "a forecast over the budget is red: " + coloured);
    }

    @Test
    void theContextIsKeptWithGitsBranchAndNotRewrittenWhenItSaysNothingNew() {
        Contexts contexts = new Contexts();
        StatuslineService service = service(contexts, Budgets.NONE, "{branch}");
        assertEquals("feature/demo", service.line(context(0.01, List.of()), StatuslineLook.PLAIN));
        service.line(context(0.01, List.of()), StatuslineLook.PLAIN);
        assertEquals(1, contexts.kept.size(), "the same context again is not written again within a minute");
        assertEquals(Optional.of("feature/demo"), contexts.kept.get(0).branch());
        assertEquals(Optional.of("github.com/me/ccotel"), contexts.kept.get(0).repo());
        service.line(context(0.02, List.of()), StatuslineLook.PLAIN);
        assertEquals(2, contexts.kept.size(), "a new cost is news");
        service.line(context(0.02, List.of()).at(NOW.plusSeconds(61)), StatuslineLook.PLAIN);
        assertEquals(3, contexts.kept.size(), "after a minute the last-seen time moves");
    }

    @Test
    void theProjectIsTheProjectFoldersOwnName() {
        assertEquals("ccotel feature/demo", service(new Contexts(), Budgets.NONE, "{project} {branch}")
                .line(context(0, List.of()), StatuslineLook.PLAIN));
        assertEquals("ccotel", StatuslineService.lastName("/work/ccotel/"));
        assertEquals("x", StatuslineService.lastName("C:\\work\\x"));
    }

    @Test
    void aStoreThatCannotKeepTheContextStillGetsALine() {
        KeepSessionContextPort broken = new Contexts() {
            @Override
            public void keep(SessionContext context) {
                throw new IllegalStateException("disk full");
            }
        };
        StatuslineService service = new StatuslineService(broken, folder -> SessionContext.GitPlace.NONE,
                Optional.empty(), Budgets.NONE, new BudgetWatch(Budgets.NONE, (t, x) -> { }),
                StatuslineFormat.parse(StatuslineFormat.DEFAULT), ColourChoice.NEVER, CLOCK, ZoneOffset.UTC);
        assertEquals("~$0.016 · Sonnet 4.5", service.line(context(0.0155475, List.of()), StatuslineLook.PLAIN));
    }
}
