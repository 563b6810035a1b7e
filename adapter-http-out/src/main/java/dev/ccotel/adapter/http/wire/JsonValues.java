package dev.ccotel.adapter.http.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pass-through attribute values made safe for JSON. The domain promises String, Long, Double,
 * Boolean, List and Map; anything else becomes its text, and NaN or infinity becomes text too,
 * because one odd attribute must never cost the backend the whole request.
 */
final class JsonValues {
    private JsonValues() {}

    static Map<String, Object> sanitize(Map<?, ?> map) {
        // Sorted keys: the same event always serializes to the same bytes.
        Map<String, Object> out = new LinkedHashMap<>();
        new TreeMap<>(stringKeys(map)).forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static Object value(Object v) {
        return switch (v) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Long l -> l;
            case Integer i -> i.longValue();
            case Double d -> Double.isFinite(d) ? d : d.toString();
            case Map<?, ?> m -> sanitize(m);
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                list.forEach(item -> out.add(value(item)));
                yield out;
            }
            default -> v.toString();
        };
    }
}
