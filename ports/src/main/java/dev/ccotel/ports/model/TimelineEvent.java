package dev.ccotel.ports.model;

import dev.ccotel.domain.model.Usage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One kept event of a session, for its timeline: a prompt, an API request (cost, tokens, latency), an
 * API error, a tool decision or result. Prompt text is there only where the user let it be kept.
 *
 * @param type Claude Code's event name without its prefix: {@code user_prompt}, {@code api_request}, ...
 */
public record TimelineEvent(Instant at, String type, String model, OptionalDouble costUsd, Optional<Usage.Tokens> tokens,
        OptionalLong durationMs, String tool, String decision, String source, Optional<Boolean> success, String error,
        Optional<String> prompt, OptionalLong promptLength, OptionalLong statusCode) {
    public TimelineEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(costUsd, "costUsd");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(durationMs, "durationMs");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(success, "success");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(promptLength, "promptLength");
        Objects.requireNonNull(statusCode, "statusCode");
    }
}
