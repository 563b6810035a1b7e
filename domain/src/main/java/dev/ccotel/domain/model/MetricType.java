package dev.ccotel.domain.model;

/**
 * The metrics ccotel understands, by the backend's name. Each source maps its own metric names onto
 * these (Claude Code's OTLP names are in its source package), so the model speaks no source's words.
 */
public enum MetricType {
    SESSION_COUNT("session_count"),
    TOKEN_USAGE("token_usage"),
    COST_USAGE("cost_usage"),
    LINES_OF_CODE_COUNT("lines_of_code_count"),
    COMMIT_COUNT("commit_count"),
    PULL_REQUEST_COUNT("pull_request_count"),
    ACTIVE_TIME_TOTAL("active_time_total"),
    CODE_EDIT_TOOL_DECISION("code_edit_tool_decision");

    private final String wireName;

    MetricType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
