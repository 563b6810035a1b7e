package dev.ccotel.ports.out;

import dev.ccotel.domain.model.CostSource;
import dev.ccotel.domain.model.Usage;
import java.time.Instant;
import java.util.Objects;

/**
 * What one session did with one model in one quarter of an hour, as the store sums it. A quarter
 * of an hour, because every time zone in use is a whole number of quarters away from UTC, so
 * slices can be put into local days without being split.
 *
 * @param model the model, or empty for what has none (prompts, lines of code)
 * @param fromMetrics tokens and cost from the {@code token_usage} and {@code cost_usage} metrics
 * @param fromEvents tokens and cost from {@code api_request} events
 * @param lastAt the time of the slice's latest event or data point
 * @param repo the session's repository ({@code host/owner/name}), empty where no statusline told it
 * @param branch the session's git branch, empty where no statusline (or transcript) told it
 * @param costSource where it comes from: telemetry (its figures in {@code fromMetrics} and {@code fromEvents}), or
 *     a transcript read by {@code ccotel import} (its figures in {@code fromMetrics}, whole-session lines in the
 *     session's last slice)
 */
public record UsageSlice(String sessionId, String project, Instant sessionStart, Instant quarter, String model,
        Priced fromMetrics, Priced fromEvents, Usage.Activity activity, Usage.CodeChanges code,
        double activeSeconds, Instant lastAt, String repo, String branch, CostSource costSource) {
    public UsageSlice {
        Objects.requireNonNull(lastAt, "lastAt");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(sessionStart, "sessionStart");
        Objects.requireNonNull(quarter, "quarter");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(fromMetrics, "fromMetrics");
        Objects.requireNonNull(fromEvents, "fromEvents");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(costSource, "costSource");
    }

    public boolean imported() {
        return costSource != CostSource.TELEMETRY;
    }

    /** Tokens and what they cost. */
    public record Priced(Usage.Tokens tokens, double costUsd) {
        public static final Priced ZERO = new Priced(Usage.Tokens.ZERO, 0);

        public boolean isEmpty() {
            return tokens.total() == 0 && costUsd == 0;
        }
    }
}
