package dev.ccotel.domain;

/**
 * What a piece of content is, as far as the user's choice to keep it goes. Content never leaves the
 * mapper unless the {@link MappingOptions} keep its kind; what the mapper lets through is both what the
 * store keeps and what is forwarded, so one choice governs both.
 */
public enum ContentKind {
    /** What the user typed: {@code prompt}, {@code prompt_text} (Claude Code's {@code OTEL_LOG_USER_PROMPTS}). */
    PROMPTS,
    /** What a tool was called with: commands, file paths and file contents ({@code OTEL_LOG_TOOL_DETAILS}). */
    TOOL_INPUT,
    /** What a tool gave back: command output, file contents read, a tool's long error. */
    TOOL_OUTPUT,
    /** The whole Messages API request and response ({@code OTEL_LOG_RAW_API_BODIES}): every kind above at once. */
    API_BODIES,
    /** The model's text ({@code OTEL_LOG_ASSISTANT_RESPONSES}). */
    ASSISTANT_RESPONSES,
    /**
     * A long string under a name ccotel does not know (a newer Claude Code's event or attribute): content
     * until the attribute is listed as known, since it cannot tell.
     */
    UNLISTED_TEXT
}
