package dev.ccotel.adapter.httpout.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccotel.adapter.httpout.Requests;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.model.Event;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackendJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyField_matchesTheGoldenContract() throws Exception {
        JsonNode actual = JSON.readTree(BackendJson.toJson(Requests.everyField()));
        try (InputStream golden = getClass().getResourceAsStream("/golden/request-every-field.json")) {
            assertEquals(JSON.readTree(golden), actual, () -> "wire contract changed; actual:\n" + actual.toPrettyString());
        }
    }

    @Test
    void encodedRequest_isOneCompactLine() {
        String json = BackendJson.toJsonString(Requests.everyField());
        assertFalse(json.contains("\n"), json);
        assertFalse(json.contains(": "), "compact, no pretty printing");
    }

    @Test
    void emptyStringsZeroTotalsAndAbsentOptionals_areOmitted() throws Exception {
        JsonNode root = JSON.readTree(BackendJson.toJson(Requests.withEvent("evt-9")));
        assertFieldNames(root, "host", "project", "session", "events");
        assertFieldNames(root.get("session"), "sessionId", "startedAt");
        assertFieldNames(root.get("events").get(0), "eventId", "eventType", "timestamp", "promptLength");
    }

    @Test
    void emptyEventAndMetricLists_areOmitted() throws Exception {
        JsonNode root = JSON.readTree(BackendJson.toJson(Requests.bare("s")));
        assertFalse(root.has("events"));
        assertFalse(root.has("metrics"));
    }

    @Test
    void metricValueZero_isStillWritten() throws Exception {
        JsonNode metric = JSON.readTree(BackendJson.toJson(Requests.everyField())).get("metrics").get(7);
        assertEquals("code_edit_tool_decision", metric.get("metricType").asText());
        assertTrue(metric.has("value"));
        assertEquals(0.0, metric.get("value").asDouble());
    }

    @Test
    void toolParametersThatAreNotAnObject_goAsRawTextNeverDropped() throws Exception {
        for (String raw : List.of("[1,2]", "\"text\"", "{\"a\":1} trailing", "{broken")) {
            JsonNode event = JSON.readTree(BackendJson.toJson(withToolParameters(raw))).get("events").get(0);
            assertFalse(event.has("toolParameters"), raw);
            assertEquals(raw, event.get("toolParametersRaw").asText());
        }
    }

    @Test
    void syntheticSession_isMarkedAndKeepsItsPrefix() throws Exception {
        JsonNode session = JSON.readTree(BackendJson.toJson(Requests.synthetic())).get("session");
        assertEquals("nosession-1767323045-grpc-7", session.get("sessionId").asText());
        assertTrue(session.get("sessionIdSynthetic").asBoolean());
        assertFalse(JSON.readTree(BackendJson.toJson(Requests.everyField())).get("session").has("sessionIdSynthetic"),
                "a real id carries no marker");
    }

    @Test
    void activeTimeSeconds_isTheExactValue() throws Exception {
        JsonNode session = JSON.readTree(BackendJson.toJson(Requests.everyField())).get("session");
        assertEquals(61.9, session.get("activeTimeSeconds").asDouble());
        assertTrue(session.get("activeTimeSeconds").isDouble());
    }

    @Test
    void attributesOfAKnownEvent_areSentBesideItsTypedFields() throws Exception {
        Event e = Requests.withEvent("e").events().getFirst();
        Event withAttributes = new Event(e.eventId(), e.eventType(), e.timestamp(), e.sequence(), e.promptId(),
                e.durationMs(), e.error(), e.api(), e.tool(), e.prompt(), java.util.Map.of("x", "y"));
        SessionUpdate r = Requests.bare("s");
        JsonNode json = JSON.readTree(BackendJson.toJson(
                new SessionUpdate(r.host(), r.project(), r.session(), List.of(withAttributes), List.of())));
        JsonNode event = json.get("events").get(0);
        assertEquals("y", event.get("attributes").get("x").asText());
        assertEquals(5, event.get("promptLength").asLong());
    }

    @Test
    void backendResponse_isReadLeniently_onlySuccessFalseIsARefusal() {
        byte[] taken = "{\"success\":true,\"eventsProcessed\":2,\"metricsProcessed\":3,\"message\":\"ok\",\"extra\":[1]}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] dropped = "{\"success\":false,\"message\":\"no\",\"extra\":[1]}".getBytes(StandardCharsets.UTF_8);
        assertEquals(new BackendJson.Answer.Taken(), BackendJson.answerIn(taken));
        assertEquals(new BackendJson.Answer.Refused("no"), BackendJson.answerIn(dropped));
        assertEquals(new BackendJson.Answer.NotTheContract(), BackendJson.answerIn("<html>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(new BackendJson.Answer.NotTheContract(), BackendJson.answerIn(new byte[0]));
        assertEquals(new BackendJson.Answer.NotTheContract(), BackendJson.answerIn("{\"message\":\"hi\"}"
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static SessionUpdate withToolParameters(String raw) {
        Event e = Requests.withEvent("e").events().getFirst();
        Event.ToolUse tool = new Event.ToolUse(e.tool().name(), e.tool().success(), e.tool().decision(),
                e.tool().source(), Optional.of(raw), e.tool().input(), e.tool().inputSizeBytes(), e.tool().language());
        Event event = new Event(e.eventId(), "tool_result", e.timestamp(), e.sequence(), e.promptId(), e.durationMs(),
                e.error(), e.api(), tool, e.prompt(), e.attributes());
        SessionUpdate r = Requests.bare("s");
        return new SessionUpdate(r.host(), r.project(), r.session(), List.of(event), List.of());
    }

    private static void assertFieldNames(JsonNode node, String... expected) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of(expected), names, node::toString);
    }
}
