package dev.ccotel.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a source read after the fact (a transcript) says about one whole session: where and when it
 * ran, its usage by quarter of an hour and model, and where the cost came from.
 *
 * @param settled false while the session was still being written: usage after Claude Code's last
 *     {@code cost-state}, or a last line cut off; such a session is read again when its file grows
 * @param usage per quarter of an hour and model ({@code ""} for prompts that belong to no model)
 * @param code lines added and removed over the whole session
 */
public record ImportedSession(String sessionId, Place place, Instant start, Instant end, CostSource costSource,
        boolean settled, List<Slice> usage, Usage.CodeChanges code) {
    public ImportedSession {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(costSource, "costSource");
        usage = List.copyOf(usage);
        Objects.requireNonNull(code, "code");
        if (costSource == CostSource.TELEMETRY) {
            throw new IllegalArgumentException("an imported session's cost comes from its transcript or an estimate");
        }
    }

    /**
     * Where the session ran; empty strings for what the source did not say.
     *
     * @param project the working directory
     */
    public record Place(String project, String gitBranch, String appVersion) {
        public Place {
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(gitBranch, "gitBranch");
            Objects.requireNonNull(appVersion, "appVersion");
        }
    }

    /** One model's usage in one quarter of an hour, and the prompts and API requests in it. */
    public record Slice(Instant quarter, String model, Usage.Tokens tokens, double costUsd, long prompts,
            long apiRequests) {
        public Slice {
            Objects.requireNonNull(quarter, "quarter");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(tokens, "tokens");
        }
    }

    public double costUsd() {
        return usage.stream().mapToDouble(Slice::costUsd).sum();
    }

    public long prompts() {
        return usage.stream().mapToLong(Slice::prompts).sum();
    }

    public Usage.Tokens tokens() {
        return usage.stream().map(Slice::tokens).reduce(Usage.Tokens.ZERO, Usage.Tokens::plus);
    }
}
