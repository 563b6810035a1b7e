package dev.ccotel.domain.source.claudecode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ccotel.domain.ContentKind;
import dev.ccotel.domain.fixtures.Otlp;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The three rules of {@link ContentPolicy}, one row each way. */
class ContentPolicyTest {
    private static final int BOUND = ContentPolicy.UNLISTED_TEXT_BOUND;

    @ParameterizedTest(name = "{0}.{1} of {2} chars -> {3}")
    @CsvSource({
            // a name known to carry content is content at any length
            "user_prompt, prompt, 3, PROMPTS",
            "user_prompt, prompt_text, 3, PROMPTS",
            "tool_result, tool_input, 3, TOOL_INPUT",
            "tool_decision, tool_parameters, 3, TOOL_INPUT",
            "some_new_event, bash_command, 3, TOOL_INPUT",
            "some_new_event, output, 3, TOOL_OUTPUT",
            "api_request_body, body, 3, API_BODIES",
            "api_response_body, body, 70000, API_BODIES",
            "assistant_response, response, 3, ASSISTANT_RESPONSES",
            // ids and lengths are not, however long
            "api_response_body, request_id, 70000, NONE",
            "user_prompt, prompt.id, 70000, NONE",
            "tool_result, tool_use_id, 70000, NONE",
            "assistant_response, message.uuid, 70000, NONE",
            "api_request_body, body_length, 70000, NONE",
            // the rest: up to the bound it passes, over it it is content of the event's kind
            "tool_result, error, 256, NONE",
            "tool_result, error, 257, TOOL_OUTPUT",
            "api_error, error, 257, UNLISTED_TEXT",
            "assistant_response, thinking, 257, ASSISTANT_RESPONSES",
            "some_new_event, note, 256, NONE",
            "some_new_event, note, 257, UNLISTED_TEXT",
    })
    void classifies(String event, String key, int length, String expected) {
        Optional<ContentKind> kind = ContentPolicy.classify(event, key, Otlp.value("x".repeat(length)));

        assertEquals(expected, kind.map(Enum::name).orElse("NONE"));
    }

    @ParameterizedTest(name = "a list of {0} strings of 10 -> {1}")
    @CsvSource({"25, NONE", "26, UNLISTED_TEXT"})
    void aListCountsTheTextOfAllItsItems(int items, String expected) {
        ArrayValue.Builder list = ArrayValue.newBuilder();
        for (int i = 0; i < items; i++) {
            list.addValues(Otlp.value("y".repeat(10)));
        }
        AnyValue value = AnyValue.newBuilder().setArrayValue(list).build();

        assertEquals(expected, ContentPolicy.classify("some_new_event", "notes", value).map(Enum::name).orElse("NONE"));
        assertEquals(items * 10L, ContentPolicy.textLength(value));
        assertEquals(BOUND, 256, "the rows above are written for this bound");
    }
}
