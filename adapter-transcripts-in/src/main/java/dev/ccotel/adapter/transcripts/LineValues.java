package dev.ccotel.adapter.transcripts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.ccotel.domain.source.transcript.FieldSelection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes the values a {@link FieldSelection} asks for out of one JSON line with Jackson's streaming
 * parser, skipping every other value unread into objects: a transcript's bytes are mostly system
 * prompts and tool definitions, and building a tree of them would cost most of an import. Knows no
 * field name itself.
 */
final class LineValues {
    private static final JsonFactory JSON = JsonFactory.builder()
            // a line may hold a whole file a tool read or wrote; Jackson's default caps a string at 20 MB
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private final FieldSelection selection;

    LineValues(FieldSelection selection) {
        this.selection = selection;
    }

    /** The selected values of the JSON object in {@code bytes[offset, offset + length)}; empty when it is not one. */
    Optional<Map<String, Object>> read(byte[] bytes, int offset, int length) {
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            Map<String, Object> values = new HashMap<>();
            object(p, selection, "", false, values);
            return Optional.of(values);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void object(JsonParser p, FieldSelection selection, String prefix, boolean inArray,
            Map<String, Object> into) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken token = p.nextToken();
            FieldSelection wanted = selection.field(name);
            if (wanted == null) {
                p.skipChildren();
            } else {
                value(p, token, wanted, prefix.isEmpty() ? name : prefix + "." + name, inArray, into);
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new IOException("not an object");
        }
    }

    private static void value(JsonParser p, JsonToken token, FieldSelection wanted, String path, boolean inArray,
            Map<String, Object> into) throws IOException {
        switch (token) {
            case START_OBJECT -> object(p, wanted, path, inArray, into);
            case START_ARRAY -> {
                FieldSelection elements = wanted.elements();
                if (elements == null) {
                    p.skipChildren();
                    return;
                }
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (t == null) {
                        throw new IOException("unended array");
                    }
                    value(p, t, elements, path + "[]", true, into);
                }
            }
            default -> {
                Object scalar = scalar(p, token);
                if (scalar != null && wanted.wantsValue()) {
                    if (inArray) {
                        @SuppressWarnings("unchecked")
                        List<Object> list = (List<Object>) into.computeIfAbsent(path, k -> new ArrayList<>());
                        list.add(scalar);
                    } else {
                        into.put(path, scalar);
                    }
                }
            }
        }
    }

    private static Object scalar(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getDoubleValue()
                    : p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }
}
