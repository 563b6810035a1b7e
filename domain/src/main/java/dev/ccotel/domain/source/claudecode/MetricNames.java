package dev.ccotel.domain.source.claudecode;

import dev.ccotel.domain.model.MetricType;
import java.util.Map;
import java.util.Optional;

/** Claude Code's OTLP metric names, each with the metric type the backend knows it by. */
final class MetricNames {
    private static final Map<String, MetricType> TYPES = Map.of(
            "claude_code.session.count", MetricType.SESSION_COUNT,
            "claude_code.token.usage", MetricType.TOKEN_USAGE,
            "claude_code.cost.usage", MetricType.COST_USAGE,
            "claude_code.lines_of_code.count", MetricType.LINES_OF_CODE_COUNT,
            "claude_code.commit.count", MetricType.COMMIT_COUNT,
            "claude_code.pull_request.count", MetricType.PULL_REQUEST_COUNT,
            "claude_code.active_time.total", MetricType.ACTIVE_TIME_TOTAL,
            "claude_code.code_edit_tool.decision", MetricType.CODE_EDIT_TOOL_DECISION);

    private MetricNames() {}

    /** The type of a metric Claude Code exports under {@code otlpName}; empty for one ccotel does not know. */
    static Optional<MetricType> typeOf(String otlpName) {
        return Optional.ofNullable(TYPES.get(otlpName));
    }
}
