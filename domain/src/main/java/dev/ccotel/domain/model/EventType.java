package dev.ccotel.domain.model;

import java.util.Optional;

/** The Claude Code events that get typed fields; any other event passes through by name. */
public enum EventType {
    USER_PROMPT("user_prompt"),
    API_REQUEST("api_request"),
    API_ERROR("api_error"),
    TOOL_DECISION("tool_decision"),
    TOOL_RESULT("tool_result");

    /** Claude Code puts this prefix on event names in some places (log body) but not others. */
    public static final String PREFIX = "claude_code.";

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> fromName(String name) {
        for (EventType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
