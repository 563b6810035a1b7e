package dev.ccotel.domain.model;

import java.util.Optional;

/** The Claude Code metrics ccotel understands, with the OTLP name and the backend's name. */
public enum MetricType {
    SESSION_COUNT("claude_code.session.count", "session_count"),
    TOKEN_USAGE("claude_code.token.usage", "token_usage"),
    COST_USAGE("claude_code.cost.usage", "cost_usage"),
    LINES_OF_CODE_COUNT("claude_code.lines_of_code.count", "lines_of_code_count"),
    COMMIT_COUNT("claude_code.commit.count", "commit_count"),
    PULL_REQUEST_COUNT("claude_code.pull_request.count", "pull_request_count"),
    ACTIVE_TIME_TOTAL("claude_code.active_time.total", "active_time_total"),
    CODE_EDIT_TOOL_DECISION("claude_code.code_edit_tool.decision", "code_edit_tool_decision");

    private final String otlpName;
    private final String wireName;

    MetricType(String otlpName, String wireName) {
        this.otlpName = otlpName;
        this.wireName = wireName;
    }

    public String otlpName() {
        return otlpName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<MetricType> fromOtlpName(String name) {
        for (MetricType type : values()) {
            if (type.otlpName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
