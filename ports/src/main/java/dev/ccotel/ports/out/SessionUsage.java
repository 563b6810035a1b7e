package dev.ccotel.ports.out;

import dev.ccotel.domain.model.CostSource;
import dev.ccotel.domain.model.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One session's usage in a window, summed by the store itself by the rules every report counts by (see
 * {@code ReportUsageUseCase}): what a row of the sessions report shows, read in place of the session's slices.
 *
 * @param priced tokens and cost, from the session's metrics where it has them, its api_request events otherwise
 * @param work whether it is a session of work (a prompt or an API request in the window)
 * @param source where its figures come from
 * @param models the models it spent tokens or money on, empty for what has none, in no particular order
 * @param start when the session started
 * @param last the time of its latest event or data point in the window
 * @param project the folder its statusline named, else what telemetry (or its transcript) said
 * @param repo its repository, empty where no statusline told it
 * @param branch its git branch, empty where no statusline (or transcript) told it
 */
public record SessionUsage(String sessionId, UsageSlice.Priced priced, Usage.Activity activity, Usage.CodeChanges code,
        double activeSeconds, boolean work, CostSource source, List<String> models, Instant start, Instant last,
        String project, String repo, String branch) {
    public SessionUsage {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(priced, "priced");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(source, "source");
        models = List.copyOf(models);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(branch, "branch");
    }
}
