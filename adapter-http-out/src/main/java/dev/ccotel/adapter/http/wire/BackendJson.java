package dev.ccotel.adapter.http.wire;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.ports.out.EncodedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The backend's JSON encoding of a {@link SessionUpdate}: compact, one line, camelCase, empty
 * fields left out (see {@link WireWriter}). Encoded once per request (see {@link WireEncoder}); what
 * the store's outbox keeps, the client posts and the CLI's {@code inspect} and {@code --dry-run} print are the same bytes.
 */
public final class BackendJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // Tool parameters are decoded only when they are exactly one JSON object; "{}x" is not.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final WireWriter WIRE = new WireWriter(MAPPER);
    /** Made once: looking the type up on every response cost a third of reading it. */
    private static final ObjectReader RESPONSE = MAPPER.readerFor(Wire.Response.class);

    private BackendJson() {}

    /** The request body as UTF-8 JSON on a single line (no line breaks, so it is also a JSON line). */
    public static byte[] toJson(SessionUpdate request) {
        try {
            return WIRE.write(request);
        } catch (IOException e) {
            // Cannot happen when writing to memory; kept unchecked so callers need no dead catch.
            throw new UncheckedIOException("cannot encode backend request: " + e.getMessage(), e);
        }
    }

    /** The request in its wire form, ready to keep and post. */
    public static EncodedRequest encode(SessionUpdate request) {
        return new EncodedRequest(request.session().sessionId(), toJson(request), request.itemCount());
    }

    /** {@link #toJson} as a string, for printers. */
    public static String toJsonString(SessionUpdate request) {
        return new String(toJson(request), StandardCharsets.UTF_8);
    }

    /**
     * The backend's own word that it dropped the data: its message when a 2xx body is the contract's
     * response object with {@code success: false}; empty for any other body, which counts as taken.
     */
    public static Optional<String> refusalIn(byte[] body) {
        try {
            return Optional.ofNullable(RESPONSE.<Wire.Response>readValue(body))
                    .filter(r -> Boolean.FALSE.equals(r.success()))
                    .map(r -> r.message() == null ? "" : r.message());
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
