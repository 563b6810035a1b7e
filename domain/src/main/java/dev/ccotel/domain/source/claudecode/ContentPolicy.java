package dev.ccotel.domain.source.claudecode;

import static dev.ccotel.domain.ContentKind.API_BODIES;
import static dev.ccotel.domain.ContentKind.ASSISTANT_RESPONSES;
import static dev.ccotel.domain.ContentKind.PROMPTS;
import static dev.ccotel.domain.ContentKind.TOOL_INPUT;
import static dev.ccotel.domain.ContentKind.TOOL_OUTPUT;
import static dev.ccotel.domain.ContentKind.UNLISTED_TEXT;
import static java.util.Map.entry;

import dev.ccotel.domain.ContentKind;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which attributes of a Claude Code event are content, and of which kind. Three rules, in order:
 * <ol>
 *   <li>a name known to carry content is content of its kind, whatever its length (a two-word prompt
 *       is still the user's words);
 *   <li>a name known to carry none (ids, lengths, counts) is not content, whatever its length;
 *   <li>any other attribute whose text is longer than {@link #UNLISTED_TEXT_BOUND} is content: a newer
 *       Claude Code adds events and attributes faster than this list grows, and the one that leaked
 *       in issue 21 ({@code body} on {@code api_request_body}) was such a newcomer. Its kind is the
 *       event's ({@link #EVENT_KIND}: a long unlisted text on a tool's result is the tool's output),
 *       else {@link ContentKind#UNLISTED_TEXT}. Shorter ones pass: model names, decisions, sources,
 *       short error messages are what the record is for.
 * </ol>
 */
final class ContentPolicy {
    /**
     * Longest unlisted text that passes. The non-content strings in every capture so far are far below
     * it (ids of 36, hashes of 64, model and plugin names, an error message of 34) and the content
     * far above (a request body of 63,000, a file of any size); a short fragment of content under a
     * new name can still pass, which is why every name known to carry content is listed above the bound.
     */
    static final int UNLISTED_TEXT_BOUND = 256;

    /** From Claude Code's monitoring documentation and the raw-bodies capture (fixtures/claude-code-2.1.332). */
    private static final Map<String, ContentKind> CONTENT_KEYS = Map.ofEntries(
            entry("prompt", PROMPTS), entry("prompt_text", PROMPTS),
            entry("tool_input", TOOL_INPUT), entry("tool_parameters", TOOL_INPUT),
            entry("bash_command", TOOL_INPUT), entry("full_command", TOOL_INPUT),
            entry("tool_output", TOOL_OUTPUT), entry("output", TOOL_OUTPUT),
            entry("stdout", TOOL_OUTPUT), entry("stderr", TOOL_OUTPUT),
            entry("body", API_BODIES), entry("request_body", API_BODIES), entry("response_body", API_BODIES),
            entry("response", ASSISTANT_RESPONSES));

    /** The kind an event's long unlisted text has, where the event says what it is about. */
    private static final Map<String, ContentKind> EVENT_KIND = Map.of(
            "user_prompt", PROMPTS,
            "tool_decision", TOOL_INPUT,
            "tool_result", TOOL_OUTPUT,
            "api_request_body", API_BODIES,
            "api_response_body", API_BODIES,
            "assistant_response", ASSISTANT_RESPONSES);

    /** Names that never hold content, however long a value a client sends under them. */
    private static final Set<String> NOT_CONTENT_KEYS = Set.of(
            "session.id", "user.id", "organization.id", "user.account_uuid", "user.email", "terminal.type",
            "app.version", "event.name", "event.timestamp", "event.sequence", "prompt.id", "request_id",
            "client_request_id", "request_body_id", "tool_use_id", "message.id", "message.uuid", "model");
    /** Ids, lengths, sizes, counts and timings, by Claude Code's naming: {@code body_length}, {@code ttft_ms}. */
    private static final List<String> NOT_CONTENT_SUFFIXES = List.of(
            "_length", "_size_bytes", "_id", ".id", "_uuid", ".uuid", "_count", "_tokens", "_ms");

    private ContentPolicy() {}

    /** The kind of content the attribute {@code key} of event {@code eventName} holds, or empty when it holds none. */
    static Optional<ContentKind> classify(String eventName, String key, AnyValue value) {
        ContentKind known = CONTENT_KEYS.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        if (listedAsNotContent(key) || textLength(value) <= UNLISTED_TEXT_BOUND) {
            return Optional.empty();
        }
        return Optional.of(EVENT_KIND.getOrDefault(eventName, UNLISTED_TEXT));
    }

    private static boolean listedAsNotContent(String key) {
        if (NOT_CONTENT_KEYS.contains(key)) {
            return true;
        }
        for (String suffix : NOT_CONTENT_SUFFIXES) {
            if (key.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How much text a value holds: a string's length in UTF-16 units (as Claude Code's own
     * {@code *_length} count it), bytes' size, and the sum over a list's or map's texts; numbers and
     * booleans hold none. A structure nested deeper than the mapper reads counts as over the bound.
     */
    static long textLength(AnyValue value) {
        return textLength(value, 0);
    }

    private static long textLength(AnyValue v, int depth) {
        if (depth > AttributeMap.MAX_DEPTH) {
            return UNLISTED_TEXT_BOUND + 1L;
        }
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue().length();
            case BYTES_VALUE -> v.getBytesValue().size();
            case ARRAY_VALUE -> {
                long sum = 0;
                for (AnyValue item : v.getArrayValue().getValuesList()) {
                    sum += textLength(item, depth + 1);
                }
                yield sum;
            }
            case KVLIST_VALUE -> {
                long sum = 0;
                for (KeyValue kv : v.getKvlistValue().getValuesList()) {
                    sum += kv.getKey().length() + textLength(kv.getValue(), depth + 1);
                }
                yield sum;
            }
            default -> 0;
        };
    }
}
