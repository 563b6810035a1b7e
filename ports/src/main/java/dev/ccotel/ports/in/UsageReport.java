package dev.ccotel.ports.in;

import dev.ccotel.domain.model.CostSource;
import dev.ccotel.domain.model.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Objects;

/**
 * A report: its rows in order, and their sum.
 *
 * @param totals the sum of the rows; its sessions are distinct sessions, not a sum of the rows' counts
 * @param costSources how many of those sessions have their cost from each source
 */
public record UsageReport(UsageQuery query, List<Row> rows, Usage totals, Map<CostSource, Long> costSources) {
    public UsageReport {
        Objects.requireNonNull(query, "query");
        rows = List.copyOf(rows);
        Objects.requireNonNull(totals, "totals");
        costSources = Map.copyOf(costSources);
    }

    /** A report whose sessions all have their cost from telemetry (no import). */
    public UsageReport(UsageQuery query, List<Row> rows, Usage totals) {
        this(query, rows, totals, Map.of());
    }

    /**
     * @param key the date ({@code 2026-11-02}), session id, model or project
     * @param detail what else identifies the row: a session's project and start; empty otherwise
     * @param models the row split by model, when the query asked for a breakdown
     * @param costSources how many of the row's sessions have their cost from each source (a session's row: one)
     * @param session what identifies a session, for a row of the sessions report; empty otherwise
     */
    public record Row(String key, String detail, Usage usage, List<ModelShare> models,
            Map<CostSource, Long> costSources, Optional<SessionFacts> session) {
        public Row {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(usage, "usage");
            models = List.copyOf(models);
            costSources = Map.copyOf(costSources);
            Objects.requireNonNull(session, "session");
        }

        public Row(String key, String detail, Usage usage, List<ModelShare> models) {
            this(key, detail, usage, models, Map.of(), Optional.empty());
        }
    }

    /**
     * A session's row, as facts rather than words: for the dashboard's sortable list.
     *
     * @param end the time of its latest event or data point
     * @param repo empty where no statusline told it, as {@code branch}
     */
    public record SessionFacts(Instant start, Instant end, String project, String repo, String branch,
            List<String> models) {
        public SessionFacts {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(repo, "repo");
            Objects.requireNonNull(branch, "branch");
            models = List.copyOf(models);
        }
    }

    /** One model's part of a row: tokens and cost. */
    public record ModelShare(String model, Usage.Tokens tokens, double costUsd) {}
}
