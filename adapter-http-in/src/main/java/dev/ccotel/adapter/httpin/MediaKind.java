package dev.ccotel.adapter.httpin;

import java.util.Locale;
import java.util.Optional;

/** The two encodings OTLP/HTTP defines; the answer is written in the one the request came in. */
enum MediaKind {
    PROTOBUF("application/x-protobuf"), JSON("application/json");

    final String contentType;

    MediaKind(String contentType) {
        this.contentType = contentType;
    }

    /** From a Content-Type header such as {@code application/json; charset=utf-8}; empty for anything else. */
    static Optional<MediaKind> of(Optional<String> contentType) {
        String base = contentType.map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse("");
        for (MediaKind kind : values()) {
            if (kind.contentType.equals(base)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
