package dev.ccotel.adapter.httpin.statusline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccotel.domain.context.SessionContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what Claude Code writes on the stdin of its statusline command and of a {@code SessionStart} hook
 * (see the fixtures under {@code claude-code-2.1.332/statusline/}): the only place that knows their field
 * names. Fields Claude Code's documentation lists but 2.1.332 did not send in the captures
 * ({@code workspace.repo}, {@code workspace.git_worktree}, {@code worktree}, {@code pr}, {@code session_name})
 * are read where present. Prompt text is never read.
 */
public final class StatuslineJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatuslineJson() {
    }

    /**
     * @throws IllegalArgumentException when the body is not a JSON object with a {@code session_id}, in words
     */
    public static SessionContext read(byte[] body, Instant seenAt) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("unreadable body: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, as Claude Code writes on the command's stdin");
        }
        Optional<String> sessionId = text(root.path("session_id"));
        if (sessionId.isEmpty()) {
            throw new IllegalArgumentException("no session_id in the JSON: is this Claude Code's statusline input?");
        }
        JsonNode workspace = root.path("workspace");
        JsonNode cost = root.path("cost");
        Optional<SessionContext.ClientFigures> client = cost.path("total_cost_usd").isNumber()
                ? Optional.of(new SessionContext.ClientFigures(cost.path("total_cost_usd").asDouble(),
                        cost.path("total_lines_added").asLong(0), cost.path("total_lines_removed").asLong(0)))
                : Optional.empty();
        JsonNode model = root.path("model");
        // The hook names the model as a bare id; the statusline as {id, display_name}.
        Optional<String> modelName = model.isObject() ? text(model.path("display_name")).or(() -> text(model.path("id")))
                : text(model);
        return new SessionContext(sessionId.get(), seenAt, text(workspace.path("project_dir")),
                text(root.path("cwd")).or(() -> text(workspace.path("current_dir"))), repo(workspace.path("repo")),
                Optional.empty(), text(workspace.path("git_worktree")).or(() -> text(root.path("worktree").path("name"))),
                pullRequest(root.path("pr")), text(root.path("session_name")), modelName, text(root.path("version")),
                client, rateLimits(root.path("rate_limits")));
    }

    private static Optional<String> repo(JsonNode repo) {
        Optional<String> name = text(repo.path("name"));
        if (name.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder r = new StringBuilder();
        text(repo.path("host")).ifPresent(h -> r.append(h).append('/'));
        text(repo.path("owner")).ifPresent(o -> r.append(o).append('/'));
        return Optional.of(r.append(name.get()).toString());
    }

    private static Optional<String> pullRequest(JsonNode pr) {
        return text(pr.path("url")).or(() -> pr.path("number").isNumber() ? Optional.of("#" + pr.path("number").asLong())
                : Optional.empty());
    }

    private static List<SessionContext.RateLimit> rateLimits(JsonNode limits) {
        List<SessionContext.RateLimit> out = new ArrayList<>();
        for (SessionContext.Window window : SessionContext.Window.values()) {
            JsonNode w = limits.path(window.id());
            if (w.path("used_percentage").isNumber() && w.path("resets_at").isNumber()) {
                out.add(new SessionContext.RateLimit(window, w.path("used_percentage").asDouble(),
                        Instant.ofEpochSecond(w.path("resets_at").asLong())));
            }
        }
        return out;
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
