package dev.ccotel.adapter.httpout.wire;

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

    /** What a 2xx body says: the contract's answer, taken or refused, or something else (a proxy's page, a wrong URL). */
    public sealed interface Answer {
        record Taken() implements Answer {}

        /** {@code success: false}: the backend says it dropped the data. */
        record Refused(String message) implements Answer {}

        /** Not the contract's response object with a boolean {@code success}: nothing says the data was taken. */
        record NotTheContract() implements Answer {}
    }

    /** Reads a 2xx body as the contract's response {@code {success, eventsProcessed, metricsProcessed, message}}. */
    public static Answer answerIn(byte[] body) {
        Wire.Response response;
        try {
            response = RESPONSE.readValue(body);
        } catch (IOException | RuntimeException notJson) {
            return new Answer.NotTheContract();
        }
        if (response == null || response.success() == null) {
            return new Answer.NotTheContract();
        }
        return response.success() ? new Answer.Taken()
                : new Answer.Refused(response.message() == null ? "" : response.message());
    }
}
