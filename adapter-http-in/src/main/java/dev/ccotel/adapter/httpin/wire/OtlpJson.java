package dev.ccotel.adapter.httpin.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * OTLP/JSON to protobuf. OTLP/JSON is proto3 JSON with one twist that a plain parse gets silently
 * wrong: trace and span ids are hex, not base64, and a hex string is valid base64 too. So the ids are
 * turned into the base64 JsonFormat expects before it parses. The rest is proto3 JSON as JsonFormat
 * reads it: 64-bit integers as strings or numbers, enums as integers or names, unknown fields ignored.
 */
public final class OtlpJson {
    /** Every bytes field of OTLP: LogRecord, Span, Span.Link and Exemplar ids. */
    private static final Set<String> HEX_ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private OtlpJson() {}

    /** @throws InvalidProtocolBufferException naming the defect when the body is not an OTLP/JSON message */
    public static void merge(byte[] body, Message.Builder builder) throws InvalidProtocolBufferException {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidProtocolBufferException("not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new InvalidProtocolBufferException(e);
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidProtocolBufferException("not a JSON object");
        }
        hexIdsToBase64(tree);
        PARSER.merge(tree.toString(), builder);
    }

    /** Proto3 JSON of a response; OTLP/JSON responses carry no ids, so no hex conversion is needed. */
    public static byte[] print(Message message) {
        try {
            return PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + message.getDescriptorForType().getName(), e);
        }
    }

    private static void hexIdsToBase64(JsonNode node) throws InvalidProtocolBufferException {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (HEX_ID_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
                    field.setValue(new TextNode(base64(field.getKey(), field.getValue().textValue())));
                } else {
                    hexIdsToBase64(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                hexIdsToBase64(element);
            }
        }
    }

    private static String base64(String field, String hex) throws InvalidProtocolBufferException {
        try {
            return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new InvalidProtocolBufferException(field + " must be hex in OTLP/JSON, got '" + abbreviate(hex) + "'");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
