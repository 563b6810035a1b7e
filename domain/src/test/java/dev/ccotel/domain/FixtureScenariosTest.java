package dev.ccotel.domain;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.MappingResult;
import dev.ccotel.domain.model.MetricPoint;
import dev.ccotel.domain.model.MetricType;
import dev.ccotel.domain.model.Session;
import dev.ccotel.domain.model.SessionIdentity;
import dev.ccotel.domain.model.SessionTotals;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario captured from Claude Code 2.1.328, as protobuf and as OTLP/JSON, mapped the way
 * the fixtures' README says a correct mapping must find it.
 */
class FixtureScenariosTest {
    private static final double EPS = 1e-9;
    private static final List<String> PREAMBLE = List.of(
            "managed_settings_resolved", "plugin_loaded", "plugin_loaded", "plugin_loaded", "plugin_loaded");

    /** What the fixtures README lists for one scenario. */
    record Expected(String scenario, List<String> events, double cost, long[] tokens, long[] lines,
            int codeEditDecisions, String project) {}

    static final List<Expected> EXPECTED = List.of(
            new Expected("text-reply", withPreamble("user_prompt", "api_request", "assistant_response"),
                    0.0051825, new long[] {1200, 87, 300, 50}, null, 0, "/home/dev/projects/acme"),
            new Expected("write-file", withPreamble("user_prompt", "api_request", "tool_decision", "tool_result",
                    "api_request", "assistant_response"),
                    0.010365, new long[] {2400, 174, 600, 100}, new long[] {3, 0}, 1, "unknown"),
            new Expected("bash-tool", withPreamble("user_prompt", "tool_decision", "api_request", "tool_result",
                    "api_request", "assistant_response"),
                    0.010365, new long[] {2400, 174, 600, 100}, null, 0, "unknown"),
            new Expected("api-error", withPreamble("user_prompt", "internal_error", "api_error"),
                    0, null, null, 0, "unknown"));

    static Stream<Arguments> scenarios() {
        return EXPECTED.stream().flatMap(e -> Stream.of(
                Arguments.of(e, "pb", Fixtures.pbLogs(e.scenario()), Fixtures.pbMetrics(e.scenario())),
                Arguments.of(e, "json", Fixtures.jsonLogs(e.scenario()), Fixtures.jsonMetrics(e.scenario()))));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("scenarios")
    void fixtureMapsToOneSessionWithTheRightFacts(Expected expected, String format, ExportLogsServiceRequest logs,
            ExportMetricsServiceRequest metrics) {
        OtlpMapper mapper = new OtlpMapper(new SessionLedger(clockBefore2026()), MappingOptions.privateByDefault("devbox"));

        MappingResult logResult = mapper.map(logs);
        MappingResult metricResult = mapper.map(metrics);

        assertEquals(1, logResult.requests().size(), "one session in the logs export");
        assertEquals(1, metricResult.requests().size(), "one session in the metrics export");
        SessionUpdate logRequest = logResult.requests().get(0);
        SessionUpdate metricRequest = metricResult.requests().get(0);
        String sessionId = firstRecordAttribute(logs, "session.id");

        assertAll(
                () -> assertEquals(sessionId, logRequest.session().sessionId()),
                () -> assertEquals(sessionId, metricRequest.session().sessionId()),
                () -> assertEquals(expected.project(), logRequest.project()),
                () -> assertEquals(expected.project(), metricRequest.project()),
                () -> assertEquals("devbox", logRequest.host()),
                () -> assertEquals(expected.events(), logRequest.events().stream().map(Event::eventType).toList()),
                () -> assertTrue(logRequest.metrics().isEmpty()),
                () -> assertTrue(metricRequest.events().isEmpty()),
                () -> assertTrue(logResult.skipped().isEmpty(), "nothing skipped: " + logResult.skipped()),
                () -> assertTrue(metricResult.skipped().isEmpty(), "nothing skipped: " + metricResult.skipped()));

        assertSessionFacts(logRequest.session());
        assertEquals(logRequest.session().startedAt(), metricRequest.session().startedAt(), "startedAt is stable");
        assertEventFields(expected, logRequest.events());
        assertMetrics(expected, metricRequest.metrics());
        assertTotals(expected, metricRequest.session().totals());
    }

    private static void assertSessionFacts(Session session) {
        SessionIdentity id = session.identity();
        assertAll(
                () -> assertEquals("2.1.328", id.appVersion()),
                () -> assertEquals("2.1.328", id.serviceVersion()),
                () -> assertEquals("linux", id.osType()),
                () -> assertEquals("amd64", id.hostArch()),
                () -> assertEquals("dumb", id.terminalType()),
                () -> assertFalse(id.osVersion().isEmpty()),
                () -> assertEquals(64, id.userId().length()),
                () -> assertTrue(session.startedAt().isAfter(Instant.parse("2026-11-26T00:00:00Z"))));
    }

    private static void assertEventFields(Expected expected, List<Event> events) {
        for (Event e : events) {
            assertTrue(e.prompt().text().isEmpty(), "prompt text is not forwarded by default");
            assertTrue(e.tool().input().isEmpty() && e.tool().parametersJson().isEmpty(), "tool input stays private");
            switch (e.eventType()) {
                case "user_prompt" -> assertTrue(e.prompt().length().orElse(0) > 0, "prompt_length read from a string");
                case "api_request" -> assertAll(
                        () -> assertEquals("claude-sonnet-4-5", e.api().model()),
                        () -> assertEquals(0.0051825, e.api().costUsd().orElseThrow(), EPS),
                        () -> assertEquals(1200, e.api().inputTokens().orElseThrow()),
                        () -> assertEquals(87, e.api().outputTokens().orElseThrow()),
                        () -> assertEquals(300, e.api().cacheReadTokens().orElseThrow()),
                        () -> assertEquals(50, e.api().cacheCreationTokens().orElseThrow()),
                        () -> assertTrue(e.durationMs().isPresent()));
                case "tool_decision" -> assertAll(
                        () -> assertEquals(expected.scenario().equals("bash-tool") ? "Bash" : "Write", e.tool().name()),
                        () -> assertEquals("accept", e.tool().decision()),
                        () -> assertEquals("config", e.tool().source()));
                case "tool_result" -> assertAll(
                        () -> assertEquals(expected.scenario().equals("bash-tool") ? "Bash" : "Write", e.tool().name()),
                        () -> assertEquals(Boolean.TRUE, e.tool().success().orElseThrow(), "success read from \"true\""),
                        () -> assertTrue(e.durationMs().isPresent(), "duration_ms read from a string"),
                        () -> assertTrue(e.tool().inputSizeBytes().orElse(0) > 0, "the size is always forwarded"));
                case "api_error" -> assertAll(
                        () -> assertEquals(400, e.api().statusCode().orElseThrow()),
                        () -> assertEquals(1, e.api().attempt().orElseThrow()),
                        () -> assertEquals("fake failure for telemetry capture", e.error()));
                case "plugin_loaded" -> assertTrue(e.attributes().containsKey("plugin.name"),
                        "unknown events keep their attributes");
                default -> { }
            }
            assertFalse(e.attributes().containsKey("session.id"), "identity stays on the session");
        }
        List<String> ids = events.stream().map(Event::eventId).toList();
        assertEquals(ids.size(), ids.stream().distinct().count(), "event ids are unique");
    }

    private static void assertMetrics(Expected expected, List<MetricPoint> metrics) {
        assertEquals(1.0, sum(metrics, MetricType.SESSION_COUNT, null), EPS);
        assertTrue(sum(metrics, MetricType.ACTIVE_TIME_TOTAL, null) > 0, "active time reported");
        assertEquals(expected.cost(), sum(metrics, MetricType.COST_USAGE, null), EPS);
        if (expected.tokens() != null) {
            String[] types = {"input", "output", "cacheRead", "cacheCreation"};
            for (int i = 0; i < types.length; i++) {
                assertEquals(expected.tokens()[i], sum(metrics, MetricType.TOKEN_USAGE, types[i]), EPS, types[i]);
            }
        }
        if (expected.lines() != null) {
            assertEquals(expected.lines()[0], sum(metrics, MetricType.LINES_OF_CODE_COUNT, "added"), EPS);
            assertEquals(expected.lines()[1], sum(metrics, MetricType.LINES_OF_CODE_COUNT, "removed"), EPS);
        }
        List<MetricPoint> decisions = metrics.stream()
                .filter(m -> m.metricType() == MetricType.CODE_EDIT_TOOL_DECISION).toList();
        assertEquals(expected.codeEditDecisions(), decisions.stream().mapToDouble(MetricPoint::value).sum(), EPS);
        if (!decisions.isEmpty()) {
            MetricPoint d = decisions.get(0);
            assertAll(() -> assertEquals("Write", d.labels().tool()), () -> assertEquals("accept", d.labels().decision()),
                    () -> assertEquals("Python", d.labels().language()), () -> assertEquals("", d.tokenType()));
        }
    }

    private static void assertTotals(Expected expected, SessionTotals t) {
        long prompts = count(expected, "user_prompt");
        long toolCalls = count(expected, "tool_result");
        long apiRequests = count(expected, "api_request");
        long[] tokens = expected.tokens() == null ? new long[4] : expected.tokens();
        long[] lines = expected.lines() == null ? new long[2] : expected.lines();
        assertAll(
                () -> assertEquals(prompts, t.prompts()),
                () -> assertEquals(toolCalls, t.toolCalls()),
                () -> assertEquals(apiRequests, t.apiRequests()),
                () -> assertEquals(expected.cost(), t.costUsd(), EPS),
                () -> assertEquals(tokens[0], t.inputTokens()),
                () -> assertEquals(tokens[1], t.outputTokens()),
                () -> assertEquals(tokens[2], t.cacheReadTokens()),
                () -> assertEquals(tokens[3], t.cacheCreationTokens()),
                () -> assertEquals(lines[0], t.linesAdded()),
                () -> assertEquals(lines[1], t.linesRemoved()),
                () -> assertEquals(0, t.commits()),
                () -> assertEquals(0, t.pullRequests()),
                () -> assertTrue(t.activeSeconds() > 0 && t.activeSeconds() < 5));
    }

    private static long count(Expected expected, String event) {
        return expected.events().stream().filter(event::equals).count();
    }

    static double sum(List<MetricPoint> metrics, MetricType type, String kind) {
        return metrics.stream()
                .filter(m -> m.metricType() == type)
                .filter(m -> kind == null || kind.equals(m.tokenType()) || kind.equals(m.linesType()))
                .mapToDouble(MetricPoint::value)
                .sum();
    }

    static String firstRecordAttribute(ExportLogsServiceRequest logs, String key) {
        for (KeyValue kv : logs.getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getAttributesList()) {
            if (kv.getKey().equals(key)) {
                return kv.getValue().getStringValue();
            }
        }
        throw new AssertionError("fixture has no " + key);
    }

    static Clock clockBefore2026() {
        return Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    }

    private static List<String> withPreamble(String... rest) {
        List<String> all = new ArrayList<>(PREAMBLE);
        Collections.addAll(all, rest);
        return List.copyOf(all);
    }
}
