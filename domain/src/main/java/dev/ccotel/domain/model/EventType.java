package dev.ccotel.domain.model;

import java.util.Optional;

/**
 * The events that get typed fields, by the backend's name (Claude Code's names, without the
 * {@code claude_code.} prefix its source strips); any other event passes through by name.
 */
public enum EventType {
    USER_PROMPT("user_prompt"),
    API_REQUEST("api_request"),
    API_ERROR("api_error"),
    TOOL_DECISION("tool_decision"),
    TOOL_RESULT("tool_result");

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
