package dev.ccotel.domain.model;

/**
 * Running totals of one session, as of the export that carried them.
 *
 * <p>Counts of prompts, tool calls and API requests come from events; cost, tokens, lines, commits,
 * pull requests and active time come from metrics (Claude Code reports cost and tokens in both
 * signals; counting both would double them).
 */
public record SessionTotals(
        long prompts,
        long toolCalls,
        long apiRequests,
        double costUsd,
        long inputTokens,
        long outputTokens,
        long cacheReadTokens,
        long cacheCreationTokens,
        long linesAdded,
        long linesRemoved,
        long commits,
        long pullRequests,
        double activeSeconds) {

    public static final SessionTotals ZERO = new SessionTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
