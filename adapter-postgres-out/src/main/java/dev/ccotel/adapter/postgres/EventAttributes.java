package dev.ccotel.adapter.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.Map;
import java.util.TreeMap;

/** An event's attributes without a typed column, as one JSON object (keys sorted, so equal events give equal text). */
final class EventAttributes {
    private static final ObjectWriter WRITER = new ObjectMapper().writer();

    private EventAttributes() {}

    static String toJson(Map<String, Object> attributes) {
        if (attributes.isEmpty()) {
            return "{}";
        }
        try {
            return WRITER.writeValueAsString(new TreeMap<>(attributes));
        } catch (JsonProcessingException e) {
            // The mapper hands over strings, numbers, booleans and lists of them: this cannot fail.
            throw new IllegalStateException("cannot encode event attributes: " + e.getMessage(), e);
        }
    }
}
