package dev.ccotel.domain.model;

/**
 * What a report row adds up: sessions of work (see {@link ReportUsageUseCase}), tokens and cost,
 * activity, code changes and active time.
 */
public record Usage(long sessions, Tokens tokens, double costUsd, Activity activity, CodeChanges code,
        double activeSeconds) {
    public static final Usage ZERO = new Usage(0, Tokens.ZERO, 0, Activity.ZERO, CodeChanges.ZERO, 0);

    public Usage plus(Usage o) {
        return new Usage(sessions + o.sessions, tokens.plus(o.tokens), costUsd + o.costUsd, activity.plus(o.activity),
                code.plus(o.code), activeSeconds + o.activeSeconds);
    }

    public Usage withSessions(long count) {
        return new Usage(count, tokens, costUsd, activity, code, activeSeconds);
    }

    /** Tokens by type, as Claude Code counts them. */
    public record Tokens(long input, long output, long cacheCreation, long cacheRead) {
        public static final Tokens ZERO = new Tokens(0, 0, 0, 0);

        public long total() {
            return input + output + cacheCreation + cacheRead;
        }

        public Tokens plus(Tokens o) {
            return new Tokens(input + o.input, output + o.output, cacheCreation + o.cacheCreation, cacheRead + o.cacheRead);
        }
    }

    /** Counted from events: prompts ({@code user_prompt}), tool calls ({@code tool_result}), API requests and errors. */
    public record Activity(long prompts, long toolCalls, long apiRequests, long apiErrors) {
        public static final Activity ZERO = new Activity(0, 0, 0, 0);

        public Activity plus(Activity o) {
            return new Activity(prompts + o.prompts, toolCalls + o.toolCalls, apiRequests + o.apiRequests,
                    apiErrors + o.apiErrors);
        }
    }

    /** Lines added and removed, commits and pull requests, from metrics. */
    public record CodeChanges(long linesAdded, long linesRemoved, long commits, long pullRequests) {
        public static final CodeChanges ZERO = new CodeChanges(0, 0, 0, 0);

        public CodeChanges plus(CodeChanges o) {
            return new CodeChanges(linesAdded + o.linesAdded, linesRemoved + o.linesRemoved, commits + o.commits,
                    pullRequests + o.pullRequests);
        }
    }
}
