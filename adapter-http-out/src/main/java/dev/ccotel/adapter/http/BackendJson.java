package dev.ccotel.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ccotel.domain.model.CcOtelRequest;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The backend's JSON encoding of a {@link CcOtelRequest}: compact, one line, camelCase, empty
 * fields left out. Shared by the HTTP publisher, the spool and the CLI's {@code inspect} and
 * {@code --dry-run} printers, so that what is printed is exactly what would be posted.
 */
public final class BackendJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // Tool parameters are decoded only when they are exactly one JSON object; "{}x" is not.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final WireMapper WIRE = new WireMapper(MAPPER.reader());

    private BackendJson() {}

    /** The request body as UTF-8 JSON on a single line (no line breaks, so it is also a JSON line). */
    public static byte[] toJson(CcOtelRequest request) {
        try {
            return MAPPER.writeValueAsBytes(WIRE.toWire(request));
        } catch (JsonProcessingException e) {
            // Cannot happen for the value types Wire holds; kept unchecked so callers need no dead catch.
            throw new UncheckedIOException("cannot encode backend request: " + e.getOriginalMessage(), e);
        }
    }

    /** {@link #toJson} as a string, for printers. */
    public static String toJsonString(CcOtelRequest request) {
        return new String(toJson(request), StandardCharsets.UTF_8);
    }

    /** The backend's response body, when it is the JSON object the contract describes; empty otherwise. */
    static Optional<Wire.Response> parseResponse(byte[] body) {
        try {
            return Optional.ofNullable(MAPPER.readValue(body, Wire.Response.class));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
