package dev.ccotel.domain.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One Claude Code log event. Known event types fill the typed fields; every attribute without a
 * typed field (all of them for other events) is kept in {@link #attributes()}, so nothing Claude Code
 * sent is lost: identity attributes, which the session already carries, and private text the options
 * keep back are left out.
 *
 * <p>{@code toolParametersJson} is the JSON document Claude Code sends inside a string; the domain
 * carries it as text and the JSON adapter decodes it, so the domain needs no JSON library.
 *
 * @param eventType the event name without the {@code claude_code.} prefix
 * @param sequence Claude Code's {@code event.sequence}, when present
 * @param attributes the attributes without a typed field, and typed values that could not be read:
 *     String, Long, Double, Boolean, List or Map values
 */
public record Event(
        String eventId,
        String eventType,
        Instant timestamp,
        OptionalLong sequence,
        String promptId,
        String model,
        OptionalDouble costUsd,
        OptionalLong durationMs,
        OptionalLong inputTokens,
        OptionalLong outputTokens,
        OptionalLong cacheReadTokens,
        OptionalLong cacheCreationTokens,
        String toolName,
        Optional<Boolean> success,
        String decision,
        String source,
        String error,
        OptionalLong promptLength,
        Optional<String> prompt,
        Optional<String> toolParametersJson,
        Optional<String> toolInput,
        OptionalLong toolInputSizeBytes,
        OptionalLong statusCode,
        OptionalLong attempt,
        String language,
        Map<String, Object> attributes) {

    public Event {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(timestamp, "timestamp");
        attributes = Map.copyOf(attributes);
    }

    public boolean is(EventType type) {
        return type.wireName().equals(eventType);
    }
}
