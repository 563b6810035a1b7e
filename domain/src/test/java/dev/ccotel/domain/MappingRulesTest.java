package dev.ccotel.domain;

import static dev.ccotel.domain.fixtures.Otlp.attrs;
import static dev.ccotel.domain.fixtures.Otlp.claudeCode;
import static dev.ccotel.domain.fixtures.Otlp.event;
import static dev.ccotel.domain.fixtures.Otlp.point;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.fixtures.Otlp;
import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.MappingResult;
import dev.ccotel.domain.model.MetricPoint;
import dev.ccotel.domain.model.Session;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.model.SkipReason;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MappingRulesTest {
    private static final long T = 1_795_706_896_000_000_000L;
    private static final AggregationTemporality DELTA = AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
    private static final AggregationTemporality CUMULATIVE = AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;

    private final SessionLedger ledger = new SessionLedger(FixtureScenariosTest.clockBefore2026());
    private final OtlpMapper mapper = new OtlpMapper(ledger, MappingOptions.privateByDefault("devbox"));

    @Test
    void oneExportWithTwoSessions_becomesTwoRequestsInOrderOfAppearance() {
        ExportLogsServiceRequest export = Otlp.logs(claudeCode(), List.of(
                event(T, attrs("session.id", "b", "event.name", "user_prompt", "prompt_length", 3)),
                event(T + 1, attrs("session.id", "a", "event.name", "claude_code.user_prompt", "prompt_length", "4")),
                event(T + 2, attrs("session.id", "b", "event.name", "api_request", "cost_usd", "0.5"))));

        MappingResult result = mapper.map(export);

        assertEquals(List.of("b", "a"), result.requests().stream().map(r -> r.session().sessionId()).toList());
        assertEquals(List.of("user_prompt", "api_request"), types(result.requests().get(0)));
        assertEquals(List.of("user_prompt"), types(result.requests().get(1)), "prefixed name accepted");
        assertEquals(4, result.requests().get(1).events().get(0).prompt().length().orElseThrow());
        assertEquals(0.5, result.requests().get(0).events().get(1).api().costUsd().orElseThrow());
    }

    @Test
    void recordsWithoutSessionId_goToTheSyntheticSessionOfTheRun_neverARandomId() {
        MappingResult result = mapper.map(Otlp.logs(claudeCode(), List.of(
                event(T, attrs("event.name", "user_prompt")), event(T + 1, attrs("event.name", "user_prompt")))));

        assertEquals(1, result.requests().size());
        Session session = result.requests().get(0).session();
        assertEquals("nosession-" + ledger.clock().instant().getEpochSecond() + "-inspect", session.sessionId());
        assertTrue(session.isSynthetic());
        assertEquals(2, result.requests().get(0).session().totals().prompts());
    }

    @Test
    void sessionIdOnTheResource_isTheFallback() {
        MappingResult result = mapper.map(Otlp.logs(Otlp.resource("claude-code", "session.id", "from-resource"),
                List.of(event(T, attrs("event.name", "user_prompt")))));

        assertEquals("from-resource", result.requests().get(0).session().sessionId());
    }

    @Test
    void whatIsNotClaudeCodeOrNotKnown_isCountedAsSkipped() {
        ExportLogsServiceRequest logs = ExportLogsServiceRequest.newBuilder()
                .addAllResourceLogs(Otlp.logs(Otlp.resource("some-other-service"),
                        List.of(event(T, attrs("event.name", "x")), event(T, attrs("event.name", "y")))).getResourceLogsList())
                .addAllResourceLogs(Otlp.logs(claudeCode(), List.of(event(T, attrs("session.id", "s")))).getResourceLogsList())
                .build();
        Metric gauge = Metric.newBuilder().setName("claude_code.cost.usage")
                .setGauge(Gauge.newBuilder().addDataPoints(point(T, T, 1, attrs()))).build();
        Metric unknown = Otlp.sum("claude_code.brand_new.metric", DELTA, List.of(point(T, T, 1, attrs()), point(T, T, 2, attrs())));
        Metric nan = Otlp.sum("claude_code.cost.usage", DELTA, List.of(point(T, T, Double.NaN, attrs("session.id", "s"))));

        MappingResult logResult = mapper.map(logs);
        MappingResult metricResult = mapper.map(Otlp.metrics(claudeCode(), List.of(gauge, unknown, nan)));

        assertEquals(Map.of(SkipReason.NOT_CLAUDE_CODE, 2L, SkipReason.NO_EVENT_NAME, 1L), logResult.skipped());
        assertTrue(logResult.requests().isEmpty());
        assertEquals(Map.of(SkipReason.UNSUPPORTED_POINT_TYPE, 1L, SkipReason.UNKNOWN_METRIC, 2L,
                SkipReason.INVALID_VALUE, 1L), metricResult.skipped());
        assertTrue(metricResult.requests().isEmpty());
    }

    @Test
    void sameExportMappedTwice_givesTheSameIds_bothInOneLedgerAndInFreshOnes() {
        ExportLogsServiceRequest logs = Fixtures.pbLogs("write-file");
        ExportMetricsServiceRequest metrics = Fixtures.pbMetrics("write-file");

        List<String> first = ids(mapper.map(logs), mapper.map(metrics));
        List<String> retried = ids(mapper.map(logs), mapper.map(metrics));
        OtlpMapper fresh = new OtlpMapper(new SessionLedger(FixtureScenariosTest.clockBefore2026()),
                MappingOptions.privateByDefault("other-host"));
        List<String> elsewhere = ids(fresh.map(logs), fresh.map(metrics));

        assertEquals(first, retried);
        assertEquals(first, elsewhere);
        assertEquals(first.size(), first.stream().distinct().count(), "ids are unique within the export");
    }

    @Test
    void retriedDeltaExport_isForwardedAgainButNotCountedTwice() {
        mapper.map(Fixtures.pbLogs("write-file"));
        Session once = mapper.map(Fixtures.pbMetrics("write-file")).requests().get(0).session();

        mapper.map(Fixtures.pbLogs("write-file"));
        MappingResult again = mapper.map(Fixtures.pbMetrics("write-file"));

        assertEquals(once.totals(), again.requests().get(0).session().totals());
        assertEquals(once.startedAt(), again.requests().get(0).session().startedAt());
        assertTrue(!again.requests().get(0).metrics().isEmpty(), "still forwarded: the first try may have been lost");
    }

    @Test
    void cumulativeSeriesThatStartedBeforeTheLedger_isOnlyTheBaseline() {
        SessionLedger late = new SessionLedger(java.time.Clock.fixed(
                java.time.Instant.ofEpochSecond(0, T + 5), java.time.ZoneOffset.UTC));
        OtlpMapper m = new OtlpMapper(late, MappingOptions.privateByDefault("h"));

        MappingResult first = m.map(cost(CUMULATIVE, T, T + 10, 2.0));
        MappingResult second = m.map(cost(CUMULATIVE, T, T + 20, 3.5));

        assertEquals(Map.of(SkipReason.CUMULATIVE_BASELINE, 1L), first.skipped());
        assertTrue(first.requests().isEmpty());
        assertEquals(1.5, second.requests().get(0).metrics().get(0).value());
        assertEquals(1.5, second.requests().get(0).session().totals().costUsd());
    }

    @Test
    void cumulativeCounterThatDrops_isAReset() {
        mapper.map(cost(CUMULATIVE, T, T + 10, 2.0));
        MappingResult afterReset = mapper.map(cost(CUMULATIVE, T, T + 20, 0.5));

        assertEquals(0.5, afterReset.requests().get(0).metrics().get(0).value());
        assertEquals(2.5, afterReset.requests().get(0).session().totals().costUsd());
    }

    @Test
    void olderCumulativePoint_isStale() {
        mapper.map(cost(CUMULATIVE, T, T + 20, 2.0));
        MappingResult old = mapper.map(cost(CUMULATIVE, T, T + 10, 1.0));

        assertEquals(Map.of(SkipReason.STALE_POINT, 1L), old.skipped());
    }

    @Test
    void privacySwitchesOn_forwardPromptTextAndToolInput() {
        OtlpMapper open = new OtlpMapper(new SessionLedger(FixtureScenariosTest.clockBefore2026()),
                MappingOptions.privateByDefault("h").keeping(ContentKind.PROMPTS, ContentKind.TOOL_INPUT));

        List<Event> events = open.map(Fixtures.pbLogs("bash-tool")).requests().get(0).events();
        List<Event> closed = mapper.map(Fixtures.pbLogs("bash-tool")).requests().get(0).events();

        Event prompt = byType(events, "user_prompt");
        Event tool = byType(events, "tool_result");
        assertEquals("Please RUNBASH now", prompt.prompt().text().orElseThrow());
        assertTrue(tool.tool().input().orElseThrow().contains("echo telemetry-check"));
        assertTrue(tool.tool().parametersJson().orElseThrow().startsWith("{"));
        assertTrue(byType(closed, "user_prompt").prompt().text().isEmpty());
        assertTrue(byType(closed, "tool_result").tool().input().isEmpty());
        assertEquals(18, byType(closed, "user_prompt").prompt().length().orElseThrow(), "length always forwarded");
        assertTrue(!byType(closed, "assistant_response").attributes().containsKey("response"));
    }

    @Test
    void redactedPromptPlaceholder_isNotForwardedAsText() {
        OtlpMapper open = new OtlpMapper(new SessionLedger(FixtureScenariosTest.clockBefore2026()),
                MappingOptions.privateByDefault("h").keeping(ContentKind.PROMPTS, ContentKind.TOOL_INPUT));

        Event prompt = byType(open.map(Fixtures.pbLogs("write-file")).requests().get(0).events(), "user_prompt");

        assertTrue(prompt.prompt().text().isEmpty());
    }

    @Test
    void typedValueThatCannotBeRead_isKeptRawInsteadOfLost() {
        Event e = mapper.map(Otlp.logs(claudeCode(), List.of(event(T, attrs("session.id", "s",
                "event.name", "tool_result", "duration_ms", "soon", "success", "maybe"))))).requests().get(0).events().get(0);

        assertTrue(e.durationMs().isEmpty());
        assertEquals(Map.of("duration_ms", "soon", "success", "maybe"), e.attributes());
    }

    @Test
    void projectComesFromRecordAttributes_andSticksToTheSession() {
        mapper.map(Otlp.logs(claudeCode(), List.of(event(T, attrs("session.id", "p", "event.name", "user_prompt",
                "project.path", "/src/app")))));
        MappingResult later = mapper.map(cost(DELTA, T, T + 10, 1.0, "session.id", "p"));

        assertEquals("/src/app", later.requests().get(0).project());
    }

    private static ExportMetricsServiceRequest cost(AggregationTemporality t, long start, long time, double value,
            Object... attributes) {
        Object[] kv = attributes.length == 0 ? new Object[] {"session.id", "c", "model", "m"} : attributes;
        return Otlp.metrics(claudeCode(), List.of(Otlp.sum("claude_code.cost.usage", t,
                List.of(point(start, time, value, attrs(kv))))));
    }

    private static List<String> types(SessionUpdate request) {
        return request.events().stream().map(Event::eventType).toList();
    }

    private static Event byType(List<Event> events, String type) {
        return events.stream().filter(e -> e.eventType().equals(type)).findFirst().orElseThrow();
    }

    private static List<String> ids(MappingResult logs, MappingResult metrics) {
        return Stream.concat(
                logs.requests().stream().flatMap(r -> r.events().stream()).map(Event::eventId),
                metrics.requests().stream().flatMap(r -> r.metrics().stream()).map(MetricPoint::metricId)).toList();
    }
}
