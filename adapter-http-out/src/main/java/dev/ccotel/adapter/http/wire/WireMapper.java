package dev.ccotel.adapter.http.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.ccotel.domain.model.CcOtelRequest;
import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.MetricLabels;
import dev.ccotel.domain.model.MetricPoint;
import dev.ccotel.domain.model.Session;
import dev.ccotel.domain.model.SessionIdentity;
import dev.ccotel.domain.model.SessionTotals;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Domain records to wire records: decides, in one place, what "empty, so omitted" means. */
final class WireMapper {
    private final ObjectReader treeReader;

    WireMapper(ObjectReader treeReader) {
        this.treeReader = treeReader;
    }

    Wire.Request toWire(CcOtelRequest request) {
        List<Wire.Event> events = request.events().stream().map(this::event).toList();
        List<Wire.Metric> metrics = request.metrics().stream().map(WireMapper::metric).toList();
        return new Wire.Request(text(request.host()), text(request.project()), session(request.session()),
                events.isEmpty() ? null : events, metrics.isEmpty() ? null : metrics);
    }

    private static Wire.Session session(Session s) {
        SessionTotals t = s.totals();
        SessionIdentity id = s.identity();
        return new Wire.Session(text(s.sessionId()), s.isSynthetic() ? Boolean.TRUE : null, text(id.appVersion()),
                text(id.organizationId()), text(id.userAccountUuid()), text(id.userId()), text(id.terminalType()),
                text(id.serviceVersion()), text(id.osType()), text(id.osVersion()), text(id.hostArch()),
                s.startedAt().getEpochSecond(),
                nonZero(t.activeSeconds()), nonZero(t.prompts()), nonZero(t.toolCalls()), nonZero(t.apiRequests()),
                nonZero(t.costUsd()), nonZero(t.linesAdded()), nonZero(t.linesRemoved()), nonZero(t.commits()),
                nonZero(t.pullRequests()), nonZero(t.inputTokens()), nonZero(t.outputTokens()),
                nonZero(t.cacheReadTokens()), nonZero(t.cacheCreationTokens()));
    }

    private Wire.Event event(Event e) {
        Event.ApiCall api = e.api();
        Event.ToolUse tool = e.tool();
        String params = tool.parametersJson().filter(p -> !p.isEmpty()).orElse(null);
        JsonNode paramsObject = params == null ? null : jsonObject(params);
        return new Wire.Event(text(e.eventId()), text(e.eventType()), e.timestamp().getEpochSecond(),
                value(e.sequence()), text(e.promptId()), text(api.model()), value(api.costUsd()),
                value(e.durationMs()), value(api.inputTokens()), value(api.outputTokens()),
                value(api.cacheReadTokens()), value(api.cacheCreationTokens()), text(tool.name()),
                tool.success().orElse(null), text(tool.decision()), text(tool.source()), text(e.error()),
                value(e.prompt().length()), text(e.prompt().text()), paramsObject,
                paramsObject == null ? params : null, text(tool.input()), value(tool.inputSizeBytes()),
                value(api.statusCode()), value(api.attempt()), text(tool.language()),
                e.attributes().isEmpty() ? null : JsonValues.sanitize(e.attributes()));
    }

    private static Wire.Metric metric(MetricPoint m) {
        MetricLabels l = m.labels();
        return new Wire.Metric(text(m.metricId()), m.metricType().wireName(), m.timestamp().getEpochSecond(),
                m.value(), text(l.model()), text(l.tokenType()), text(l.linesType()), text(l.tool()),
                text(l.decision()), text(l.source()), text(l.language()), text(l.startType()));
    }

    /** The decoded tool parameters when they are a JSON object; otherwise null and the caller sends the raw text. */
    private JsonNode jsonObject(String json) {
        try {
            JsonNode node = treeReader.readTree(json);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String text(Optional<String> s) {
        return s.map(WireMapper::text).orElse(null);
    }

    private static Long value(OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }

    private static Double value(OptionalDouble v) {
        return v.isPresent() && Double.isFinite(v.getAsDouble()) ? v.getAsDouble() : null;
    }

    private static Long nonZero(long v) {
        return v == 0 ? null : v;
    }

    private static Double nonZero(double v) {
        return v == 0 || !Double.isFinite(v) ? null : v;
    }
}
