package dev.ccotel.domain;

import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.EventType;
import dev.ccotel.domain.model.MetricPoint;
import dev.ccotel.domain.model.Session;
import dev.ccotel.domain.model.SessionTotals;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The ledger's mutable record of one session. Guarded by the ledger's lock. */
final class SessionState {
    /** Bounds per session, so that a hostile or buggy client cannot grow one session without limit. */
    static final int MAX_SERIES = 1_024;
    static final int MAX_REMEMBERED_EVENTS = 4_096;

    final String sessionId;
    SessionIdentity identity = SessionIdentity.EMPTY;
    String project = "";
    Instant startedAt;
    Instant lastSeen;

    private long prompts;
    private long toolCalls;
    private long apiRequests;
    private double costUsd;
    private double inputTokens;
    private double outputTokens;
    private double cacheReadTokens;
    private double cacheCreationTokens;
    private double linesAdded;
    private double linesRemoved;
    private double commits;
    private double pullRequests;
    private double activeSeconds;

    final Map<String, SeriesState> series = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SeriesState> eldest) {
            return size() > MAX_SERIES;
        }
    };

    /** Ids of events already counted, so that a retried export does not count them twice. */
    private final Set<String> countedEvents = new LinkedHashSet<>();

    SessionState(String sessionId) {
        this.sessionId = sessionId;
    }

    void count(Event event) {
        if (!countedEvents.add(event.eventId())) {
            return;
        }
        if (countedEvents.size() > MAX_REMEMBERED_EVENTS) {
            countedEvents.remove(countedEvents.iterator().next());
        }
        if (event.is(EventType.USER_PROMPT)) {
            prompts++;
        } else if (event.is(EventType.TOOL_RESULT)) {
            toolCalls++;
        } else if (event.is(EventType.API_REQUEST)) {
            apiRequests++;
        }
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

    Session snapshot(Instant fallbackStart) {
        SessionIdentity id = identity;
        return new Session(sessionId, id.appVersion(), id.organizationId(), id.userAccountUuid(), id.userId(),
                id.terminalType(), id.serviceVersion(), id.osType(), id.osVersion(), id.hostArch(),
                startedAt != null ? startedAt : fallbackStart,
                new SessionTotals(prompts, toolCalls, apiRequests, costUsd, Math.round(inputTokens),
                        Math.round(outputTokens), Math.round(cacheReadTokens), Math.round(cacheCreationTokens),
                        Math.round(linesAdded), Math.round(linesRemoved), Math.round(commits),
                        Math.round(pullRequests), activeSeconds));
    }

    /** What the ledger knows of one metric series. */
    static final class SeriesState {
        /** Delta windows remembered per series: enough for retries and exports that overtake each other. */
        static final int RECENT_DELTA_WINDOWS = 8;

        long startNanos;
        long lastTimeNanos;
        double lastValue;
        double lastDelta;
        /** The delta windows counted most recently, as (start, time) pairs; allocated on first use. */
        private long[] recentWindows;
        private int recentCount;
        private int recentNext;

        /**
         * A retried delta point: its window was counted already, or it is older than every window
         * remembered (then it cannot be told apart from a retry, and is not counted). A window that
         * merely arrives after a later one is not a retry.
         */
        boolean isDeltaReplay(long start, long time) {
            if (recentWindows == null) {
                return false;
            }
            boolean olderThanAll = true;
            for (int i = 0; i < recentCount; i++) {
                if (recentWindows[2 * i] == start && recentWindows[2 * i + 1] == time) {
                    return true;
                }
                if (Long.compareUnsigned(time, recentWindows[2 * i + 1]) > 0) {
                    olderThanAll = false;
                }
            }
            return recentCount == RECENT_DELTA_WINDOWS && olderThanAll;
        }

        void countDeltaWindow(long start, long time) {
            if (recentWindows == null) {
                recentWindows = new long[2 * RECENT_DELTA_WINDOWS];
            }
            recentWindows[2 * recentNext] = start;
            recentWindows[2 * recentNext + 1] = time;
            recentNext = (recentNext + 1) % RECENT_DELTA_WINDOWS;
            recentCount = Math.min(RECENT_DELTA_WINDOWS, recentCount + 1);
            if (Long.compareUnsigned(time, lastTimeNanos) > 0) {
                lastTimeNanos = time;
            }
        }
    }
}
