package dev.ccotel.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.fixtures.Captures2_1_332;
import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.MetricType;
import dev.ccotel.domain.model.SessionTotals;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a correct mapping finds in the Claude Code 2.1.332 captures (their README lists it). */
class Captures2_1_332Test {
    private static final double EPS = 1e-9;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);
    private static final String RESUMED = "805b7f5e-6458-4f28-b773-e4453f2253e0";
    private static final String THROW_AWAY = "0a87d193-adeb-4709-8a0c-5d4752eb5956";

    private final OtlpMapper mapper = new OtlpMapper(SessionLedger.forReplay(CLOCK),
            MappingOptions.privateByDefault("devbox"));

    @Test
    void noSessionExportsOfTwoProcesses_onTwoConnections_stayTwoSessions() {
        List<SessionUpdate> requests = new ArrayList<>();
        requests.addAll(mapper.map(Captures2_1_332.logs("no-session/process-a"), "grpc-1").requests());
        requests.addAll(mapper.map(Captures2_1_332.logs("no-session/process-b"), "grpc-2").requests());
        requests.addAll(mapper.map(Captures2_1_332.metrics("no-session/process-a"), "grpc-1").requests());
        requests.addAll(mapper.map(Captures2_1_332.metrics("no-session/process-b"), "grpc-2").requests());

        Map<String, SessionTotals> last = lastTotals(requests);
        long run = CLOCK.instant().getEpochSecond();
        assertEquals(List.of("nosession-" + run + "-grpc-1", "nosession-" + run + "-grpc-2"), List.copyOf(last.keySet()));
        SessionTotals a = last.get("nosession-" + run + "-grpc-1");
        SessionTotals b = last.get("nosession-" + run + "-grpc-2");
        assertEquals(1, a.prompts());
        assertEquals(2, a.apiRequests());
        assertEquals(0.010365, a.costUsd(), EPS);
        assertEquals(1, b.prompts());
        assertEquals(1, b.apiRequests());
        assertEquals(0.0051825, b.costUsd(), EPS);
        assertTrue(requests.stream().allMatch(r -> r.session().isSynthetic()));
    }

    @Test
    void noSessionExportsWithoutAnOrigin_shareTheInspectSession() {
        mapper.map(Captures2_1_332.logs("no-session/process-a"));
        List<SessionUpdate> requests = mapper.map(Captures2_1_332.logs("no-session/process-b")).requests();

        assertEquals(1, requests.size());
        assertEquals("nosession-" + CLOCK.instant().getEpochSecond() + "-inspect", requests.get(0).session().sessionId());
        assertEquals(2, requests.get(0).session().totals().prompts(), "what a file-by-file replay cannot tell apart");
    }

    @Test
    void continueAndResume_keepTheConversationsId_andTheContinueStartUpGetsAThrowAwaySession() {
        List<SessionUpdate> requests = new ArrayList<>();
        for (String run : List.of("resume/1-first", "resume/2-continue", "resume/3-resume")) {
            requests.addAll(mapper.map(Captures2_1_332.logs(run)).requests());
            requests.addAll(mapper.map(Captures2_1_332.metrics(run)).requests());
        }

        Map<String, SessionTotals> last = lastTotals(requests);
        assertEquals(List.of(RESUMED, THROW_AWAY), List.copyOf(last.keySet()));
        SessionTotals resumed = last.get(RESUMED);
        assertEquals(3, resumed.prompts());
        assertEquals(3, resumed.apiRequests());
        assertEquals(0.0155475, resumed.costUsd(), EPS);
        SessionTotals throwAway = last.get(THROW_AWAY);
        assertEquals(0, throwAway.prompts(), "no prompt and no API request: not a session of work");
        assertEquals(0, throwAway.apiRequests());
        assertEquals(List.of("fresh", "continue", "resume"), requests.stream()
                .flatMap(r -> r.metrics().stream())
                .filter(m -> m.metricType() == MetricType.SESSION_COUNT)
                .map(m -> m.labels().startType()).toList());
        assertEquals(List.of(RESUMED, THROW_AWAY, RESUMED), requests.stream()
                .filter(r -> r.metrics().stream().anyMatch(m -> m.metricType() == MetricType.SESSION_COUNT))
                .map(r -> r.session().sessionId()).toList());
    }

    @Test
    void typedEvents_keepEveryAttributeTheyHaveNoFieldFor() {
        List<Event> events = mapper.map(Captures2_1_332.logs("api-request-full")).requests().get(0).events();

        Event api = first(events, "api_request"); // some numbers come as strings, some as ints: compared as text
        assertEquals(1200, api.api().inputTokens().orElseThrow(), "typed fields stay");
        assertEquals("req_fake_msg_0001", api.attributes().get("request_id"));
        assertEquals("11", String.valueOf(api.attributes().get("ttft_ms")));
        assertEquals("5227", String.valueOf(api.attributes().get("cost_usd_micros")));
        assertEquals("30", String.valueOf(api.attributes().get("cache_creation_5m_tokens")));
        assertEquals("20", String.valueOf(api.attributes().get("cache_creation_1h_tokens")));
        assertFalse(api.attributes().containsKey("cost_usd"), "a typed value is not repeated");
        assertFalse(api.attributes().containsKey("session.id"), "identity stays on the session");

        Event result = first(events, "tool_result");
        assertEquals("toolu_msg_0001", result.attributes().get("tool_use_id"));
        assertEquals("125", String.valueOf(result.attributes().get("tool_result_size_bytes")));
        assertFalse(result.attributes().containsKey("tool_input"), "tool input only when configured");
        Event prompt = first(events, "user_prompt");
        assertFalse(prompt.attributes().containsKey("prompt"), "prompt text only when configured");
        assertTrue(prompt.attributes().containsKey("message.uuid"));
    }

    @Test
    void withToolInputForwarded_itIsTheTypedFieldAndNotRepeatedInTheAttributes() {
        OtlpMapper open = new OtlpMapper(SessionLedger.forReplay(CLOCK), MappingOptions.privateByDefault("devbox").keeping(ContentKind.PROMPTS, ContentKind.TOOL_INPUT));
        List<Event> events = open.map(Captures2_1_332.logs("api-request-full")).requests().get(0).events();

        Event result = first(events, "tool_result");
        assertTrue(result.tool().input().orElseThrow().contains("hello.py"));
        assertFalse(result.attributes().containsKey("tool_input"));
        assertEquals("Please WRITEFILE now", first(events, "user_prompt").prompt().text().orElseThrow());
        assertFalse(first(events, "user_prompt").attributes().containsKey("prompt_text"));
    }

    @Test
    void activeTime_keepsItsFractionInTheTotals() {
        mapper.map(Captures2_1_332.logs("api-request-full"));
        SessionUpdate request = mapper.map(Captures2_1_332.metrics("api-request-full")).requests().get(0);

        assertEquals(0.195, request.session().totals().activeSeconds(), EPS);
    }

    private static Event first(List<Event> events, String type) {
        return events.stream().filter(e -> e.eventType().equals(type)).findFirst().orElseThrow();
    }

    private static Map<String, SessionTotals> lastTotals(List<SessionUpdate> requests) {
        Map<String, SessionTotals> last = new LinkedHashMap<>();
        for (SessionUpdate r : requests) {
            last.put(r.session().sessionId(), r.session().totals());
        }
        return last;
    }
}
