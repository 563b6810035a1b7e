package dev.ccotel.adapter.shellenv.claudesettings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JSON text as values with their character offsets, so that edits can splice the text and leave every other
 * character as it was. Strict JSON only: no comments, no trailing commas, no duplicate keys (which of two Claude
 * Code reads is not ccotel's to guess).
 */
public final class JsonTree {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private JsonTree() {}

    /** A value spanning {@code [start, end)} of the text. */
    public sealed interface Value {
        int start();

        int end();
    }

    public record Obj(int start, int end, List<Member> members) implements Value {
        public Optional<Member> member(String key) {
            return members.stream().filter(m -> m.key().equals(key)).findFirst();
        }
    }

    public record Arr(int start, int end, List<Value> items) implements Value {}

    /** A string (its decoded text), number, boolean or null. */
    public record Scalar(int start, int end, boolean isString, String text) implements Value {}

    public record Member(int keyStart, int keyEnd, String key, Value value) {}

    /** Why a text is not JSON ccotel will edit, with the line and column. */
    public static final class InvalidJson extends Exception {
        InvalidJson(String message) {
            super(message);
        }
    }

    /** Parses a text whose top-level value must be an object. A leading byte-order mark is allowed. */
    public static Obj parseObject(String text) throws InvalidJson {
        // A BOM becomes a space of the same length, so offsets still point into the original text.
        String parsed = text.startsWith("\uFEFF") ? " " + text.substring(1) : text;
        try (JsonParser parser = FACTORY.createParser(parsed)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidJson("the top level is not a JSON object");
            }
            Obj root = (Obj) value(parser, parsed);
            if (parser.nextToken() != null) {
                throw new InvalidJson("there is more after the top-level object, at " + where(parser));
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidJson(e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new InvalidJson(e.getMessage());
        }
    }

    private static Value value(JsonParser parser, String text) throws IOException {
        int start = offset(parser);
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                List<Member> members = new ArrayList<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    int keyStart = offset(parser);
                    String key = parser.currentName();
                    parser.nextToken();
                    members.add(new Member(keyStart, stringEnd(text, keyStart), key, value(parser, text)));
                }
                yield new Obj(start, offset(parser) + 1, List.copyOf(members));
            }
            case START_ARRAY -> {
                List<Value> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(parser, text));
                }
                yield new Arr(start, offset(parser) + 1, List.copyOf(items));
            }
            case VALUE_STRING -> new Scalar(start, stringEnd(text, start), true, parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Scalar(start, numberEnd(text, start), false,
                    text.substring(start, numberEnd(text, start)));
            default -> new Scalar(start, start + parser.getText().length(), false, parser.getText());
        };
    }

    private static int offset(JsonParser parser) {
        return Math.toIntExact(parser.currentTokenLocation().getCharOffset());
    }

    private static String where(JsonParser parser) {
        return "line " + parser.currentTokenLocation().getLineNr() + ", column "
                + parser.currentTokenLocation().getColumnNr();
    }

    /** The offset after the closing quote of the string that opens at {@code start}. */
    static int stringEnd(String text, int start) {
        int i = start + 1;
        while (text.charAt(i) != '"') {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static int numberEnd(String text, int start) {
        int i = start;
        while (i < text.length() && "+-0123456789.eE".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }
}
