package dev.ccotel.domain.source.transcript;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One line of a transcript as the JSON reader hands it over: the values {@link TranscriptReader#FIELDS}
 * asked for, by their path with the keys as written ({@code modelUsage.claude-sonnet-4-5.costUSD});
 * each value is a {@code String}, {@code Long}, {@code Double} or {@code Boolean}, and under a path
 * with {@code []} a {@code List} of them in array order. Absent values are simply not there.
 */
public record TranscriptLine(Map<String, Object> values) {
    public TranscriptLine {
        Objects.requireNonNull(values, "values");
    }

    String text(String path) {
        return values.get(path) instanceof String s ? s : "";
    }

    boolean has(String path) {
        return values.containsKey(path);
    }

    double number(String path) {
        return values.get(path) instanceof Number n ? n.doubleValue() : 0;
    }

    long whole(String path) {
        Object v = values.get(path);
        if (v instanceof Long l) {
            return l;
        }
        return v instanceof Number n ? Math.round(n.doubleValue()) : 0;
    }

    boolean flag(String path) {
        return Boolean.TRUE.equals(values.get(path));
    }

    List<?> list(String path) {
        return values.get(path) instanceof List<?> l ? l : List.of();
    }
}
