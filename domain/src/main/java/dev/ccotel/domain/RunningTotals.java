package dev.ccotel.domain;

import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.EventType;
import dev.ccotel.domain.model.MetricPoint;
import dev.ccotel.domain.model.SessionTotals;

/**
 * The thirteen running totals of one session, as one object: what an event or a metric point adds,
 * whether a point may be added, and the {@link SessionTotals} they read as. Token, line, commit and
 * pull-request counts are kept as doubles while they run (Claude Code sends them as doubles) and
 * rounded only in {@link #snapshot()}. Mutable and not thread-safe, like the state that holds it.
 */
final class RunningTotals {
    long prompts;
    long toolCalls;
    long apiRequests;
    double costUsd;
    double inputTokens;
    double outputTokens;
    double cacheReadTokens;
    double cacheCreationTokens;
    double linesAdded;
    double linesRemoved;
    double commits;
    double pullRequests;
    double activeSeconds;

    /** Counts an event not counted before (the state remembers which were). */
    void count(Event event) {
        if (event.is(EventType.USER_PROMPT)) {
            prompts++;
        } else if (event.is(EventType.TOOL_RESULT)) {
            toolCalls++;
        } else if (event.is(EventType.API_REQUEST)) {
            apiRequests++;
        }
    }

    /**
     * Whether counting {@code point} keeps every total a finite number that never goes down: every
     * Claude Code metric is a counter, so a negative delta or one that overflows is out of range.
     */
    boolean canCount(MetricPoint point) {
        double v = point.value();
        if (v < 0 || !Double.isFinite(v)) {
            return false;
        }
        // Cost and active time are sent as decimals; the other totals as whole numbers (so: below 2^63).
        return switch (point.metricType()) {
            case COST_USAGE -> Double.isFinite(costUsd + v);
            case ACTIVE_TIME_TOTAL -> Double.isFinite(activeSeconds + v);
            case TOKEN_USAGE -> Math.max(Math.max(inputTokens, outputTokens), Math.max(cacheReadTokens,
                    cacheCreationTokens)) + v < Long.MAX_VALUE;
            case LINES_OF_CODE_COUNT -> Math.max(linesAdded, linesRemoved) + v < Long.MAX_VALUE;
            case COMMIT_COUNT -> commits + v < Long.MAX_VALUE;
            case PULL_REQUEST_COUNT -> pullRequests + v < Long.MAX_VALUE;
            case SESSION_COUNT, CODE_EDIT_TOOL_DECISION -> true;
        };
    }

    void count(MetricPoint point) {
        double v = point.value();
        switch (point.metricType()) {
            case COST_USAGE -> costUsd += v;
            case TOKEN_USAGE -> {
                switch (point.tokenType()) {
                    case "input" -> inputTokens += v;
                    case "output" -> outputTokens += v;
                    case "cacheRead" -> cacheReadTokens += v;
                    case "cacheCreation" -> cacheCreationTokens += v;
                    default -> { } // a token type Claude Code may add later: forwarded, not totalled
                }
            }
            case LINES_OF_CODE_COUNT -> {
                if (point.linesType().equals("added")) {
                    linesAdded += v;
                } else if (point.linesType().equals("removed")) {
                    linesRemoved += v;
                }
            }
            case COMMIT_COUNT -> commits += v;
            case PULL_REQUEST_COUNT -> pullRequests += v;
            case ACTIVE_TIME_TOTAL -> activeSeconds += v;
            case SESSION_COUNT, CODE_EDIT_TOOL_DECISION -> { } // forwarded as metrics; no session total
        }
    }

    SessionTotals snapshot() {
        return new SessionTotals(prompts, toolCalls, apiRequests, costUsd, Math.round(inputTokens),
                Math.round(outputTokens), Math.round(cacheReadTokens), Math.round(cacheCreationTokens),
                Math.round(linesAdded), Math.round(linesRemoved), Math.round(commits),
                Math.round(pullRequests), activeSeconds);
    }

    /** Takes {@code from}'s values: how a state's copy gets totals of its own. */
    void set(RunningTotals from) {
        prompts = from.prompts;
        toolCalls = from.toolCalls;
        apiRequests = from.apiRequests;
        costUsd = from.costUsd;
        inputTokens = from.inputTokens;
        outputTokens = from.outputTokens;
        cacheReadTokens = from.cacheReadTokens;
        cacheCreationTokens = from.cacheCreationTokens;
        linesAdded = from.linesAdded;
        linesRemoved = from.linesRemoved;
        commits = from.commits;
        pullRequests = from.pullRequests;
        activeSeconds = from.activeSeconds;
    }
}
