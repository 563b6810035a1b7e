package dev.ccotel.adapter.httpin.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.MetricLabels;
import dev.ccotel.domain.model.MetricPoint;
import dev.ccotel.domain.model.MetricType;
import dev.ccotel.domain.model.Session;
import dev.ccotel.domain.model.SessionIdentity;
import dev.ccotel.domain.model.SessionTotals;
import dev.ccotel.domain.model.SessionUpdate;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The backend contract's request (README, "Wire contract"; written by adapter-http-out's
 * {@code WireWriter}) read back into the domain's records, so that the hub keeps what a daemon
 * forwarded as the daemon would have kept it. Fields the contract leaves out when empty are empty
 * here; times are the contract's epoch seconds. Unknown fields are ignored: the contract only grows.
 */
public final class ContractJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ContractJson() {}

    /** @throws IllegalArgumentException when the body is not the contract's request, saying what is wrong */
    public static SessionUpdate read(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        JsonNode s = root.path("session");
        if (!s.isObject()) {
            throw new IllegalArgumentException("no session object");
        }
        List<Event> events = new ArrayList<>();
        for (JsonNode e : array(root, "events")) {
            events.add(event(e));
        }
        List<MetricPoint> metrics = new ArrayList<>();
        for (JsonNode m : array(root, "metrics")) {
            metrics.add(metric(m));
        }
        return new SessionUpdate(text(root, "host"), text(root, "project"), session(s), events, metrics);
    }

    private static Session session(JsonNode s) {
        String id = required(s, "sessionId");
        SessionIdentity identity = new SessionIdentity(text(s, "appVersion"), text(s, "organizationId"),
                text(s, "userAccountUuid"), text(s, "userId"), text(s, "terminalType"), text(s, "serviceVersion"),
                text(s, "osType"), text(s, "osVersion"), text(s, "hostArch"));
        SessionTotals totals = new SessionTotals(s.path("totalPrompts").asLong(), s.path("totalToolCalls").asLong(),
                s.path("totalApiRequests").asLong(), s.path("totalCostUsd").asDouble(),
                s.path("totalInputTokens").asLong(), s.path("totalOutputTokens").asLong(),
                s.path("totalCacheReadTokens").asLong(), s.path("totalCacheCreationTokens").asLong(),
                s.path("linesAdded").asLong(), s.path("linesRemoved").asLong(), s.path("commitsCreated").asLong(),
                s.path("prsCreated").asLong(), s.path("activeTimeSeconds").asDouble());
        return new Session(id, identity, Instant.ofEpochSecond(s.path("startedAt").asLong()), totals);
    }

    private static Event event(JsonNode e) {
        Event.ApiCall api = new Event.ApiCall(text(e, "model"), decimal(e, "costUsd"), number(e, "inputTokens"),
                number(e, "outputTokens"), number(e, "cacheReadTokens"), number(e, "cacheCreationTokens"),
                number(e, "statusCode"), number(e, "attempt"));
        Optional<String> parameters = e.has("toolParameters") ? Optional.of(e.get("toolParameters").toString())
                : optionalText(e, "toolParametersRaw");
        Event.ToolUse tool = new Event.ToolUse(text(e, "toolName"),
                e.has("success") ? Optional.of(e.get("success").asBoolean()) : Optional.empty(), text(e, "decision"),
                text(e, "source"), parameters, optionalText(e, "toolInput"), number(e, "toolInputSizeBytes"),
                text(e, "language"));
        Event.Prompt prompt = new Event.Prompt(number(e, "promptLength"), optionalText(e, "prompt"));
        return new Event(required(e, "eventId"), required(e, "eventType"), seconds(e), number(e, "sequence"),
                text(e, "promptId"), number(e, "durationMs"), text(e, "error"), api, tool, prompt,
                attributes(e.path("attributes")));
    }

    private static MetricPoint metric(JsonNode m) {
        String type = required(m, "metricType");
        MetricType metricType = null;
        for (MetricType t : MetricType.values()) {
            if (t.wireName().equals(type)) {
                metricType = t;
            }
        }
        if (metricType == null) {
            throw new IllegalArgumentException("unknown metricType '" + type + "'");
        }
        if (!m.path("value").isNumber()) {
            throw new IllegalArgumentException("a metric without a numeric value");
        }
        MetricLabels labels = new MetricLabels(text(m, "model"), text(m, "tokenType"), text(m, "linesType"),
                text(m, "tool"), text(m, "decision"), text(m, "source"), text(m, "language"), text(m, "startType"));
        return new MetricPoint(required(m, "metricId"), metricType, seconds(m), m.get("value").asDouble(), labels);
    }

    private static Instant seconds(JsonNode node) {
        if (!node.path("timestamp").isNumber()) {
            throw new IllegalArgumentException("an item without a numeric timestamp");
        }
        return Instant.ofEpochSecond(node.get("timestamp").asLong());
    }

    private static Iterable<JsonNode> array(JsonNode root, String name) {
        JsonNode node = root.path(name);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("'" + name + "' is not an array");
        }
        return node;
    }

    private static Map<String, Object> attributes(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                Object value = value(entry.getValue());
                if (value != null) {
                    out.put(entry.getKey(), value);
                }
            });
        }
        return out;
    }

    /** JSON to the attribute values the domain carries: String, Long, Double, Boolean, List or Map. */
    private static Object value(JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            v.forEach(item -> {
                Object value = value(item);
                if (value != null) {
                    list.add(value);
                }
            });
            return list;
        }
        return v.isObject() ? attributes(v) : null;
    }

    private static String required(JsonNode node, String name) {
        String value = text(node, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String name) {
        String value = text(node, name);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static OptionalLong number(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v != null && v.isNumber() ? OptionalLong.of(v.asLong()) : OptionalLong.empty();
    }

    private static OptionalDouble decimal(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v != null && v.isNumber() ? OptionalDouble.of(v.asDouble()) : OptionalDouble.empty();
    }
}
