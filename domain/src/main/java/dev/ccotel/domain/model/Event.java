package dev.ccotel.domain.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One Claude Code log event. Typed facts are grouped by what they describe (an API call, a tool,
 * a prompt); an event fills the facts it carries, so a part it has none of equals {@code NONE}. Every attribute
 * without a typed field (all of them for other events) is kept in {@link #attributes()}, so nothing
 * Claude Code sent is lost: identity attributes, which the session already carries, and private
 * text the options keep back are left out.
 *
 * @param eventType the event name without the {@code claude_code.} prefix
 * @param sequence Claude Code's {@code event.sequence}, when present
 * @param durationMs how long the API call or the tool took ({@code api_request}, {@code api_error},
 *     {@code tool_result})
 * @param error what went wrong, for a failed API call or tool
 * @param attributes the attributes without a typed field, and typed values that could not be read:
 *     String, Long, Double, Boolean, List or Map values
 */
public record Event(
        String eventId,
        String eventType,
        Instant timestamp,
        OptionalLong sequence,
        String promptId,
        OptionalLong durationMs,
        String error,
        ApiCall api,
        ToolUse tool,
        Prompt prompt,
        Map<String, Object> attributes) {

    /**
     * ccotel's own attribute: which attributes were withheld as content, each with its text length.
     * Named apart from any source's attributes so that it never collides with one (Claude Code's
     * {@code body_length} is its length of the body before it cut it, a different number); every
     * source that withholds content says so under this name.
     */
    public static final String WITHHELD = "ccotel.withheld";

    public Event {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(promptId, "promptId");
        Objects.requireNonNull(durationMs, "durationMs");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(prompt, "prompt");
        attributes = Map.copyOf(attributes);
    }

    public boolean is(EventType type) {
        return type.wireName().equals(eventType);
    }

    /**
     * What an {@code api_request} or {@code api_error} says about the call to the model.
     *
     * @param statusCode the HTTP status of a failed call
     * @param attempt which try of the call this was
     */
    public record ApiCall(
            String model,
            OptionalDouble costUsd,
            OptionalLong inputTokens,
            OptionalLong outputTokens,
            OptionalLong cacheReadTokens,
            OptionalLong cacheCreationTokens,
            OptionalLong statusCode,
            OptionalLong attempt) {

        public static final ApiCall NONE = new ApiCall("", OptionalDouble.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty());

        public ApiCall {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(costUsd, "costUsd");
            Objects.requireNonNull(inputTokens, "inputTokens");
            Objects.requireNonNull(outputTokens, "outputTokens");
            Objects.requireNonNull(cacheReadTokens, "cacheReadTokens");
            Objects.requireNonNull(cacheCreationTokens, "cacheCreationTokens");
            Objects.requireNonNull(statusCode, "statusCode");
            Objects.requireNonNull(attempt, "attempt");
        }
    }

    /**
     * What a {@code tool_decision} or {@code tool_result} says about a tool.
     *
     * @param decision {@code accept} or {@code reject}
     * @param source where the decision came from ({@code config}, {@code user_temporary}, ...)
     * @param parametersJson the JSON document Claude Code sends inside a string; the domain carries
     *     it as text and the JSON adapter decodes it, so the domain needs no JSON library
     * @param input the tool's input, when the options forward it
     * @param inputSizeBytes the size of the input, forwarded even when the input is not
     * @param language the language of the file a code-editing tool changed
     */
    public record ToolUse(
            String name,
            Optional<Boolean> success,
            String decision,
            String source,
            Optional<String> parametersJson,
            Optional<String> input,
            OptionalLong inputSizeBytes,
            String language) {

        public static final ToolUse NONE = new ToolUse("", Optional.empty(), "", "", Optional.empty(),
                Optional.empty(), OptionalLong.empty(), "");

        public ToolUse {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(success, "success");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(parametersJson, "parametersJson");
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(inputSizeBytes, "inputSizeBytes");
            Objects.requireNonNull(language, "language");
        }
    }

    /**
     * What a {@code user_prompt} says about the prompt.
     *
     * @param length the prompt's length, forwarded even when its text is not
     * @param text the prompt, when the options forward it
     */
    public record Prompt(OptionalLong length, Optional<String> text) {

        public static final Prompt NONE = new Prompt(OptionalLong.empty(), Optional.empty());

        public Prompt {
            Objects.requireNonNull(length, "length");
            Objects.requireNonNull(text, "text");
        }
    }
}
