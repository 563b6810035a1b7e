package dev.ccotel.domain.context;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a session runs and what limits it runs under: what OTLP does not carry. Claude Code hands it to
 * its statusline command at every refresh and to a {@code SessionStart} hook at every start; ccotel
 * keeps it beside the session's telemetry, joined by the session id. It holds no prompt text.
 *
 * @param seenAt when ccotel was told
 * @param projectDir the folder Claude Code was started in (the project), not the current one
 * @param cwd the current folder
 * @param repo {@code host/owner/name} of the repository, where known
 * @param branch the checked-out git branch, read from git itself (Claude Code does not send it)
 * @param worktree the name of the git worktree, when the folder is a linked worktree
 * @param pullRequest the pull request of the branch, where Claude Code names one
 * @param sessionName the name the user gave the session, where there is one
 * @param model the model's display name
 * @param client Claude Code's own client-side figures for the session, where sent
 * @param rateLimits the plan's limit use, where sent (Pro and Max plans, or behind a gateway)
 */
public record SessionContext(String sessionId, Instant seenAt, Optional<String> projectDir, Optional<String> cwd,
        Optional<String> repo, Optional<String> branch, Optional<String> worktree, Optional<String> pullRequest,
        Optional<String> sessionName, Optional<String> model, Optional<String> appVersion,
        Optional<ClientFigures> client, List<RateLimit> rateLimits) {

    public SessionContext {
        Objects.requireNonNull(sessionId, "sessionId");
        if (sessionId.isBlank()) {
            throw new IllegalArgumentException("a session context needs a session id");
        }
        Objects.requireNonNull(seenAt, "seenAt");
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(worktree, "worktree");
        Objects.requireNonNull(pullRequest, "pullRequest");
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(appVersion, "appVersion");
        Objects.requireNonNull(client, "client");
        rateLimits = List.copyOf(rateLimits);
    }

    /** The folder the session belongs to: the project folder, else the current one. */
    public Optional<String> folder() {
        return projectDir.or(() -> cwd);
    }

    /** This context with what git says of its folder filled in where Claude Code said nothing. */
    public SessionContext withGit(GitPlace git) {
        return new SessionContext(sessionId, seenAt, projectDir, cwd, repo.or(git::repo), branch.or(git::branch),
                worktree.or(git::worktree), pullRequest, sessionName, model, appVersion, client, rateLimits);
    }

    /** The same context at another moment: two contexts that differ only in time say the same. */
    public SessionContext at(Instant when) {
        return new SessionContext(sessionId, when, projectDir, cwd, repo, branch, worktree, pullRequest, sessionName,
                model, appVersion, client, rateLimits);
    }

    /** Claude Code's own running figures for the session: estimates made on the client. */
    public record ClientFigures(double costUsd, long linesAdded, long linesRemoved) {}

    /**
     * One limit window's use at one moment.
     *
     * @param usedPercent 0 to 100
     * @param resetsAt when the window starts anew
     */
    public record RateLimit(Window window, double usedPercent, Instant resetsAt) {
        public RateLimit {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(resetsAt, "resetsAt");
        }
    }

    /** The plan's limit windows. */
    public enum Window {
        FIVE_HOUR("five_hour", "5h"), SEVEN_DAY("seven_day", "7d");

        private final String id;
        private final String label;

        Window(String id, String label) {
            this.id = id;
            this.label = label;
        }

        /** The name in the store and in JSON: {@code five_hour}, {@code seven_day}. */
        public String id() {
            return id;
        }

        /** The short name on a statusline: {@code 5h}, {@code 7d}. */
        public String label() {
            return label;
        }

        public static Optional<Window> fromId(String id) {
            for (Window w : values()) {
                if (w.id.equals(id)) {
                    return Optional.of(w);
                }
            }
            return Optional.empty();
        }
    }

    /** What git says of a folder. */
    public record GitPlace(Optional<String> repo, Optional<String> branch, Optional<String> worktree) {
        public static final GitPlace NONE = new GitPlace(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
