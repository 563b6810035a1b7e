package dev.ccotel.domain.model;

import java.util.Objects;

/**
 * The attributes of a data point that the backend gets as fields. Empty strings stand for attributes
 * the point did not carry.
 *
 * @param tokenType {@code type} on {@code token.usage}
 * @param linesType {@code type} on {@code lines_of_code.count}
 * @param tool {@code tool_name} (or {@code tool})
 * @param startType {@code start_type} on {@code session.count}: {@code fresh}, {@code resume},
 *     {@code continue}, ... as Claude Code sends it
 */
public record MetricLabels(String model, String tokenType, String linesType, String tool, String decision,
        String source, String language, String startType) {

    public static final MetricLabels NONE = new MetricLabels("", "", "", "", "", "", "", "");

    public MetricLabels {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokenType, "tokenType");
        Objects.requireNonNull(linesType, "linesType");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(startType, "startType");
    }
}
