package dev.ccotel.ports.in;

import dev.ccotel.domain.context.SessionContext;

/**
 * What Claude Code's statusline command and its {@code SessionStart} hook drive: each hands in the
 * session's context, which is kept; the statusline gets back the line to print.
 */
public interface StatuslineUseCase {

    /** Keeps the context (when it says something new) and answers the line for this session. */
    String line(SessionContext context, StatuslineLook look);

    /** Keeps the context of a session that has just started or resumed. */
    void started(SessionContext context);
}
