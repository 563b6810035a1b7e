package dev.ccotel.domain.source.claudecode;

import dev.ccotel.domain.Ids;
import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.EventType;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/** Reads one log record's attributes into an {@link Event}. */
final class EventReader {
    /** Facts the session already carries; repeating them on every event adds nothing. */
    private static final Set<String> IDENTITY_KEYS = Set.of(
            "session.id", "user.id", "organization.id", "user.account_uuid", "terminal.type", "app.version",
            "event.name", "event.timestamp", "event.sequence", "project", "project.path", "pwd");
    /** Read into typed fields (a value that cannot be read is kept raw by {@link Typed}). */
    private static final Set<String> TYPED_KEYS = Set.of(
            "prompt.id", "model", "cost_usd", "duration_ms", "input_tokens", "output_tokens", "cache_read_tokens",
            "cache_creation_tokens", "tool_name", "success", "decision", "source", "error", "prompt_length",
            "tool_input_size_bytes", "status_code", "attempt", "language");
    /** Carried by typed fields of known events (when kept at all), so not repeated in the attributes. */
    private static final Set<String> TYPED_TEXT_KEYS = Set.of("prompt", "prompt_text", "tool_parameters", "tool_input");

    private final MappingOptions options;

    EventReader(MappingOptions options) {
        this.options = options;
    }

    Event read(String sessionId, String eventName, Instant timestamp, long timeNanos, long observedNanos,
            int indexInExport, AttributeMap sent) {
        Withholding kept = Withholding.apply(eventName, sent, options);
        AttributeMap a = kept.attributes();
        OptionalLong sequence = a.longValue("event.sequence");
        String discriminator = sequence.isPresent() ? "seq:" + sequence.getAsLong() : "idx:" + indexInExport;
        Map<String, Object> extra = new HashMap<>();
        Typed t = new Typed(a, extra);
        passThrough(a, extra, EventType.fromName(eventName).isPresent());
        if (!kept.withheld().isEmpty()) {
            extra.put(Event.WITHHELD, kept.withheld());
        }
        return new Event(
                Ids.eventId(sessionId, eventName, timeNanos, observedNanos, discriminator),
                eventName,
                timestamp,
                sequence,
                a.string("prompt.id"),
                t.lng("duration_ms"),
                a.string("error"),
                new Event.ApiCall(
                        a.string("model"),
                        t.dbl("cost_usd"),
                        t.lng("input_tokens"),
                        t.lng("output_tokens"),
                        t.lng("cache_read_tokens"),
                        t.lng("cache_creation_tokens"),
                        t.lng("status_code"),
                        t.lng("attempt")),
                new Event.ToolUse(
                        a.firstString("tool_name", "tool"),
                        t.bool("success"),
                        a.string("decision"),
                        a.string("source"),
                        text(a, "tool_parameters"),
                        text(a, "tool_input"),
                        t.lng("tool_input_size_bytes"),
                        a.string("language")),
                new Event.Prompt(
                        t.lng("prompt_length"),
                        text(a, "prompt", "prompt_text")),
                extra);
    }

    /**
     * Every attribute without a typed field goes to the attributes, for known events too (so that
     * {@code request_id}, {@code tool_use_id}, {@code ttft_ms} and the like reach the backend);
     * identity attributes never do, and content the options do not keep is already gone.
     */
    private static void passThrough(AttributeMap a, Map<String, Object> extra, boolean known) {
        for (Map.Entry<String, AnyValue> e : a.asMap().entrySet()) {
            String key = e.getKey();
            if (IDENTITY_KEYS.contains(key) || TYPED_KEYS.contains(key) || (known && TYPED_TEXT_KEYS.contains(key))) {
                continue;
            }
            Object value = AttributeMap.toJava(e.getValue(), 0);
            if (value != null) {
                extra.put(key, value);
            }
        }
    }

    private static Optional<String> text(AttributeMap a, String... keys) {
        for (String key : keys) {
            String s = a.string(key);
            if (!s.isEmpty() && !s.equals(Withholding.REDACTED)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Typed getters that keep a value they cannot read in the pass-through map instead of dropping it. */
    private record Typed(AttributeMap a, Map<String, Object> extra) {
        OptionalLong lng(String key) {
            OptionalLong v = a.longValue(key);
            if (v.isEmpty()) {
                keepRaw(key);
            }
            return v;
        }

        OptionalDouble dbl(String key) {
            OptionalDouble v = a.doubleValue(key);
            if (v.isEmpty()) {
                keepRaw(key);
            }
            return v;
        }

        Optional<Boolean> bool(String key) {
            Optional<Boolean> v = a.boolValue(key);
            if (v.isEmpty()) {
                keepRaw(key);
            }
            return v;
        }

        private void keepRaw(String key) {
            AnyValue raw = a.asMap().get(key);
            Object value = raw == null ? null : AttributeMap.toJava(raw, 0);
            if (value != null) {
                extra.put(key, value);
            }
        }
    }
}
