package dev.ccotel.adapter.httpout.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.MetricLabels;
import dev.ccotel.domain.model.MetricPoint;
import dev.ccotel.domain.model.Session;
import dev.ccotel.domain.model.SessionIdentity;
import dev.ccotel.domain.model.SessionTotals;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Domain records straight to the backend's JSON, with no wire objects in between: every field name
 * of the contract is written here, once, in the contract's order, and this class alone decides what
 * "empty, so omitted" means (empty strings and optionals, zero totals, non-finite numbers).
 */
final class WireWriter {
    private final ObjectMapper mapper;
    private final ObjectReader treeReader;

    /** {@code mapper} makes the generators and decodes tool parameters (with the strictness it is built with). */
    WireWriter(ObjectMapper mapper) {
        this.mapper = mapper;
        this.treeReader = mapper.reader();
    }

    byte[] write(SessionUpdate request) throws IOException {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder()) {
            try (JsonGenerator g = mapper.createGenerator(bytes)) {
                request(g, request);
            }
            return bytes.toByteArray();
        }
    }

    private void request(JsonGenerator g, SessionUpdate r) throws IOException {
        g.writeStartObject();
        text(g, "host", r.host());
        text(g, "project", r.project());
        g.writeFieldName("session");
        session(g, r.session());
        if (!r.events().isEmpty()) {
            g.writeArrayFieldStart("events");
            for (Event e : r.events()) {
                event(g, e);
            }
            g.writeEndArray();
        }
        if (!r.metrics().isEmpty()) {
            g.writeArrayFieldStart("metrics");
            for (MetricPoint m : r.metrics()) {
                metric(g, m);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void session(JsonGenerator g, Session s) throws IOException {
        SessionIdentity id = s.identity();
        SessionTotals t = s.totals();
        g.writeStartObject();
        text(g, "sessionId", s.sessionId());
        if (s.isSynthetic()) {
            g.writeBooleanField("sessionIdSynthetic", true);
        }
        text(g, "appVersion", id.appVersion());
        text(g, "organizationId", id.organizationId());
        text(g, "userAccountUuid", id.userAccountUuid());
        text(g, "userId", id.userId());
        text(g, "terminalType", id.terminalType());
        text(g, "serviceVersion", id.serviceVersion());
        text(g, "osType", id.osType());
        text(g, "osVersion", id.osVersion());
        text(g, "hostArch", id.hostArch());
        g.writeNumberField("startedAt", s.startedAt().getEpochSecond());
        nonZero(g, "activeTimeSeconds", t.activeSeconds());
        nonZero(g, "totalPrompts", t.prompts());
        nonZero(g, "totalToolCalls", t.toolCalls());
        nonZero(g, "totalApiRequests", t.apiRequests());
        nonZero(g, "totalCostUsd", t.costUsd());
        nonZero(g, "linesAdded", t.linesAdded());
        nonZero(g, "linesRemoved", t.linesRemoved());
        nonZero(g, "commitsCreated", t.commits());
        nonZero(g, "prsCreated", t.pullRequests());
        nonZero(g, "totalInputTokens", t.inputTokens());
        nonZero(g, "totalOutputTokens", t.outputTokens());
        nonZero(g, "totalCacheReadTokens", t.cacheReadTokens());
        nonZero(g, "totalCacheCreationTokens", t.cacheCreationTokens());
        g.writeEndObject();
    }

    private void event(JsonGenerator g, Event e) throws IOException {
        Event.ApiCall api = e.api();
        Event.ToolUse tool = e.tool();
        g.writeStartObject();
        text(g, "eventId", e.eventId());
        text(g, "eventType", e.eventType());
        g.writeNumberField("timestamp", e.timestamp().getEpochSecond());
        number(g, "sequence", e.sequence());
        text(g, "promptId", e.promptId());
        text(g, "model", api.model());
        number(g, "costUsd", api.costUsd());
        number(g, "durationMs", e.durationMs());
        number(g, "inputTokens", api.inputTokens());
        number(g, "outputTokens", api.outputTokens());
        number(g, "cacheReadTokens", api.cacheReadTokens());
        number(g, "cacheCreationTokens", api.cacheCreationTokens());
        text(g, "toolName", tool.name());
        if (tool.success().isPresent()) {
            g.writeBooleanField("success", tool.success().get());
        }
        text(g, "decision", tool.decision());
        text(g, "source", tool.source());
        text(g, "error", e.error());
        number(g, "promptLength", e.prompt().length());
        text(g, "prompt", e.prompt().text());
        toolParameters(g, tool.parametersJson());
        text(g, "toolInput", tool.input());
        number(g, "toolInputSizeBytes", tool.inputSizeBytes());
        number(g, "statusCode", api.statusCode());
        number(g, "attempt", api.attempt());
        text(g, "language", tool.language());
        if (!e.attributes().isEmpty()) {
            g.writeFieldName("attributes");
            JsonValues.write(g, e.attributes());
        }
        g.writeEndObject();
    }

    /** As a JSON object when the text is exactly one; otherwise the raw text, never dropped. */
    private void toolParameters(JsonGenerator g, Optional<String> parametersJson) throws IOException {
        String params = parametersJson.orElse("");
        if (params.isEmpty()) {
            return;
        }
        JsonNode object = jsonObject(params);
        if (object != null) {
            g.writeFieldName("toolParameters");
            g.writeTree(object);
        } else {
            g.writeStringField("toolParametersRaw", params);
        }
    }

    private static void metric(JsonGenerator g, MetricPoint m) throws IOException {
        MetricLabels l = m.labels();
        g.writeStartObject();
        text(g, "metricId", m.metricId());
        text(g, "metricType", m.metricType().wireName());
        g.writeNumberField("timestamp", m.timestamp().getEpochSecond());
        g.writeNumberField("value", m.value()); // always written, zero too
        text(g, "model", l.model());
        text(g, "tokenType", l.tokenType());
        text(g, "linesType", l.linesType());
        text(g, "tool", l.tool());
        text(g, "decision", l.decision());
        text(g, "source", l.source());
        text(g, "language", l.language());
        text(g, "startType", l.startType());
        g.writeEndObject();
    }

    private JsonNode jsonObject(String json) {
        try {
            JsonNode node = treeReader.readTree(json);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static void text(JsonGenerator g, String name, String s) throws IOException {
        if (s != null && !s.isEmpty()) {
            g.writeStringField(name, s);
        }
    }

    private static void text(JsonGenerator g, String name, Optional<String> s) throws IOException {
        text(g, name, s.orElse(null));
    }

    private static void number(JsonGenerator g, String name, OptionalLong v) throws IOException {
        if (v.isPresent()) {
            g.writeNumberField(name, v.getAsLong());
        }
    }

    private static void number(JsonGenerator g, String name, OptionalDouble v) throws IOException {
        if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
            g.writeNumberField(name, v.getAsDouble());
        }
    }

    private static void nonZero(JsonGenerator g, String name, long v) throws IOException {
        if (v != 0) {
            g.writeNumberField(name, v);
        }
    }

    private static void nonZero(JsonGenerator g, String name, double v) throws IOException {
        if (v != 0 && Double.isFinite(v)) {
            g.writeNumberField(name, v);
        }
    }
}
