package dev.ccotel.adapter.httpout.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pass-through attribute values written safely as JSON. The domain promises String, Long, Double,
 * Boolean, List and Map; anything else becomes its text, and NaN or infinity becomes text too,
 * because one odd attribute must never cost the backend the whole request.
 */
final class JsonValues {
    private JsonValues() {}

    static void write(JsonGenerator g, Map<?, ?> map) throws IOException {
        // Sorted keys: the same event always serializes to the same bytes.
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
        g.writeStartObject();
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            g.writeFieldName(e.getKey());
            value(g, e.getValue());
        }
        g.writeEndObject();
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Long l -> g.writeNumber(l);
            case Integer i -> g.writeNumber(i.longValue());
            case Double d when Double.isFinite(d) -> g.writeNumber(d);
            case Map<?, ?> m -> write(g, m);
            case List<?> list -> {
                g.writeStartArray();
                for (Object item : list) {
                    value(g, item);
                }
                g.writeEndArray();
            }
            default -> g.writeString(v.toString());
        }
    }
}
