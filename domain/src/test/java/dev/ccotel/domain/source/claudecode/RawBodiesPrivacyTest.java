package dev.ccotel.domain.source.claudecode;

import static dev.ccotel.domain.fixtures.RawBodies.ASSISTANT_TEXT;
import static dev.ccotel.domain.fixtures.RawBodies.BASH_COMMAND;
import static dev.ccotel.domain.fixtures.RawBodies.FILE_CONTENT;
import static dev.ccotel.domain.fixtures.RawBodies.PROMPT;
import static dev.ccotel.domain.fixtures.RawBodies.SYSTEM_PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.ContentKind;
import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.SessionLedger;
import dev.ccotel.domain.fixtures.RawBodies;
import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.SessionUpdate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 21 on the real capture with every content switch of Claude Code on: with no content key set,
 * no mapped event holds anything the user typed, a file's content, a raw body or the model's text;
 * ids and lengths stay. The events are searched as text (their {@code toString} holds every field
 * and attribute), so a new field or attribute that leaks is caught too.
 */
class RawBodiesPrivacyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC);
    private static final List<String> CONTENT = List.of(PROMPT, FILE_CONTENT, BASH_COMMAND, ASSISTANT_TEXT, SYSTEM_PROMPT);

    static List<String> captures() {
        return RawBodies.CAPTURES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void everyContentKeyOff_noContentInAnyEvent(String capture) {
        List<Event> events = events(capture, MappingOptions.privateByDefault("devbox"));

        String all = events.toString();
        for (String content : CONTENT) {
            assertFalse(all.contains(content), content + " leaked from " + capture);
        }
        assertFalse(events.stream().anyMatch(e -> e.attributes().containsKey("body")), "raw bodies in " + capture);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void everyContentKeyOff_idsAndLengthsStay(String capture) {
        List<Event> events = events(capture, MappingOptions.privateByDefault("devbox"));

        Event requestBody = first(events, "api_request_body");
        assertFalse(requestBody.promptId().isEmpty());
        assertTrue(requestBody.attributes().containsKey("request_body_id"));
        assertTrue(requestBody.attributes().containsKey("body_length"));
        Event responseBody = first(events, "api_response_body");
        assertTrue(String.valueOf(responseBody.attributes().get("request_id")).startsWith("req_fake_msg_"));
        assertEquals(RawBodies.promptTyped(capture).length(), first(events, "user_prompt").prompt().length().orElseThrow());
        assertTrue(first(events, "user_prompt").attributes().containsKey("message.uuid"));
        assertTrue(first(events, "tool_result").attributes().containsKey("tool_use_id"));
        assertTrue(first(events, "tool_result").tool().inputSizeBytes().isPresent());
        assertTrue(first(events, "assistant_response").attributes().containsKey("response_length"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void everyContentKeyOff_eachWithheldAttributeLeavesItsLength(String capture) {
        List<Event> events = events(capture, MappingOptions.privateByDefault("devbox"));

        assertEquals(Map.of("prompt", (long) RawBodies.promptTyped(capture).length(),
                "prompt_text", (long) RawBodies.promptTyped(capture).length()), withheld(events, "user_prompt"));
        long body = withheld(events, "api_request_body").get("body");
        assertTrue(body > 60_000, "the request body Claude Code cut at about 60 KB: " + body);
        assertEquals(Map.of("response", 51L), withheld(events, "assistant_response"));
        assertTrue(withheld(events, "tool_result").containsKey("tool_input"));
        assertFalse(first(events, "api_request").attributes().containsKey(Event.WITHHELD), "no content, no trace");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void promptsKept_onlyThePromptComesThrough(String capture) {
        List<Event> events = events(capture, MappingOptions.privateByDefault("devbox").keeping(ContentKind.PROMPTS));

        assertEquals(RawBodies.promptTyped(capture), first(events, "user_prompt").prompt().text().orElseThrow());
        assertNoContentOutside(events, Set.of("user_prompt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void toolInputKept_onlyTheToolInputComesThrough(String capture) {
        List<Event> events = events(capture, MappingOptions.privateByDefault("devbox").keeping(ContentKind.TOOL_INPUT));

        String input = first(events, "tool_result").tool().input().orElseThrow();
        assertTrue(input.contains(capture.endsWith("bash-tool") ? BASH_COMMAND : FILE_CONTENT), input);
        assertNoContentOutside(events, Set.of("tool_decision", "tool_result"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void apiBodiesKept_onlyTheBodiesComeThrough_andTheyHoldTheWholeConversation(String capture) {
        List<Event> events = events(capture, MappingOptions.privateByDefault("devbox").keeping(ContentKind.API_BODIES));

        String request = String.valueOf(attributes(events, "api_request_body").get("body"));
        assertTrue(request.contains(SYSTEM_PROMPT) && request.contains(PROMPT), "the first request body");
        String lastResponse = String.valueOf(events.stream().filter(e -> e.eventType().equals("api_response_body"))
                .reduce((a, b) -> b).orElseThrow().attributes().get("body"));
        assertTrue(lastResponse.contains(ASSISTANT_TEXT), lastResponse);
        assertNoContentOutside(events, Set.of("api_request_body", "api_response_body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void assistantResponsesKept_onlyTheModelsTextComesThrough(String capture) {
        List<Event> events = events(capture,
                MappingOptions.privateByDefault("devbox").keeping(ContentKind.ASSISTANT_RESPONSES));

        assertEquals("Done. " + ASSISTANT_TEXT + " from the fake model.", attributes(events, "assistant_response").get("response"));
        assertNoContentOutside(events, Set.of("assistant_response"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void toolOutputOrUnlistedTextKept_changesNothingHere_sinceTheseLogsCarryNeitherOutsideTheBodies(String capture) {
        List<Event> closed = events(capture, MappingOptions.privateByDefault("devbox"));

        assertEquals(closed, events(capture, MappingOptions.privateByDefault("devbox").keeping(ContentKind.TOOL_OUTPUT)));
        assertEquals(closed, events(capture, MappingOptions.privateByDefault("devbox").keeping(ContentKind.UNLISTED_TEXT)));
    }

    /** Events of other types than those the kept kind belongs to hold none of the known content. */
    private static void assertNoContentOutside(List<Event> events, Set<String> types) {
        for (Event e : events) {
            if (types.contains(e.eventType())) {
                continue;
            }
            String text = e.toString();
            for (String content : CONTENT) {
                assertFalse(text.contains(content), content + " in " + e.eventType());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> withheld(List<Event> events, String type) {
        return (Map<String, Long>) attributes(events, type).get(Event.WITHHELD);
    }

    static List<Event> events(String capture, MappingOptions options) {
        OtlpMapper mapper = new OtlpMapper(SessionLedger.forReplay(CLOCK), options);
        List<Event> events = new ArrayList<>();
        for (SessionUpdate update : mapper.map(RawBodies.logs(capture)).requests()) {
            events.addAll(update.events());
        }
        assertEquals(15, events.size(), "events of " + capture);
        return events;
    }

    static Event first(List<Event> events, String type) {
        return events.stream().filter(e -> e.eventType().equals(type)).findFirst().orElseThrow();
    }

    static Map<String, Object> attributes(List<Event> events, String type) {
        return first(events, type).attributes();
    }
}
