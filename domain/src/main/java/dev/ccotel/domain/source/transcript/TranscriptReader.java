package dev.ccotel.domain.source.transcript;

import dev.ccotel.domain.model.CostSource;
import dev.ccotel.domain.model.ImportedSession;
import dev.ccotel.domain.model.PriceTable;
import dev.ccotel.domain.model.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one session's transcript lines (its own file and its sub-agents' files, in any order of
 * files, each file in order) into the session's facts. What it gets right (the fixtures' README
 * under {@code transcripts/} shows each on real files):
 * <ul>
 * <li>{@code cost-state} is Claude Code's own running total for the session; a resumed session
 *     writes one per process, and the last is the total, not a part of a sum.</li>
 * <li>One API response can be written on several lines (a text block, then a tool call), each with
 *     the same {@code usage}: a message counts once per {@code message.id} + {@code requestId}.</li>
 * <li>A sub-agent's file carries its parent's session id and no {@code cost-state}: the parent's
 *     already includes it; its messages only place the usage in time.</li>
 * <li>Prompts are what a person typed: not tool results, not a sub-agent's task, not the
 *     {@code <task-notification>} Claude Code writes as a user line when a background agent ends.</li>
 * <li>Usage written after the last {@code cost-state} (Claude Code still running) is priced by the
 *     price table and the session is marked unsettled, never shown as final.</li>
 * </ul>
 */
public final class TranscriptReader {
    /** The only values of a line this reader looks at; the JSON reader skips the rest unread. */
    public static final FieldSelection FIELDS = FieldSelection.of(List.of(
            "type", "timestamp", "cwd", "gitBranch", "version", "isSidechain", "promptId", "promptSource",
            "origin.kind", "requestId", "message.id", "message.model", "message.content", "message.content[].type",
            "message.usage.input_tokens", "message.usage.output_tokens", "message.usage.cache_creation_input_tokens",
            "message.usage.cache_read_input_tokens", "message.usage.cache_creation.ephemeral_1h_input_tokens",
            "totalCostUSD", "totalLinesAdded", "totalLinesRemoved", "startTime",
            "modelUsage.*.inputTokens", "modelUsage.*.outputTokens", "modelUsage.*.cacheReadInputTokens",
            "modelUsage.*.cacheCreationInputTokens", "modelUsage.*.costUSD"));

    /** The line types Claude Code 2.1.332 writes; any other is counted as unknown and skipped. */
    private static final Set<String> KNOWN = Set.of("user", "assistant", "attachment", "queue-operation", "atis-latch",
            "api-request-shape", "api-request-blob", "api-request", "tools-used", "last-prompt", "cost-state", "mode");

    /** Which of the session's files a line is from. */
    public enum Part { MAIN, SUB_AGENT }

    private final String sessionId;
    private final Map<String, Message> messages = new LinkedHashMap<>();
    private final Set<String> promptIds = new HashSet<>();
    private final List<Instant> prompts = new ArrayList<>();
    private CostState costState;
    private Instant coveredUntil = Instant.MIN;
    private Instant latestMain = Instant.MIN;
    private Instant start = Instant.MAX;
    private Instant end = Instant.MIN;
    private String cwd = "";
    private String gitBranch = "";
    private String version = "";
    private long unknownLines;
    private boolean cutOff;

    public TranscriptReader(String sessionId) {
        this.sessionId = sessionId;
    }

    /** @param at when it was written; null until {@link #result} when the line had no time */
    record Message(String model, Instant at, Usage.Tokens tokens, long cacheWrite1h) {}

    private record CostState(double totalUsd, Map<String, ModelTotals> models, long linesAdded, long linesRemoved) {}

    record ModelTotals(Usage.Tokens tokens, double costUsd) {}

    public void read(TranscriptLine line, Part part) {
        String type = line.text("type");
        if (!KNOWN.contains(type)) {
            unknownLines++;
            return;
        }
        Optional<Instant> at = Timestamps.parse(line.text("timestamp"));
        at.ifPresent(t -> {
            start = min(start, t);
            end = max(end, t);
            if (part == Part.MAIN) {
                latestMain = max(latestMain, t);
            }
        });
        if (part == Part.MAIN) {
            place(line);
        }
        switch (type) {
            case "assistant" -> message(line, at);
            case "user" -> prompt(line, part, at);
            case "cost-state" -> costState(line, part);
            default -> { }
        }
    }

    /** The file ended in a line cut short (Claude Code still writing it): the session is not settled. */
    public void cutOff() {
        cutOff = true;
    }

    /** Lines of a type this reader does not know, skipped. */
    public long unknownLines() {
        return unknownLines;
    }

    private void place(TranscriptLine line) {
        if (cwd.isEmpty()) {
            cwd = line.text("cwd");
        }
        gitBranch = line.text("gitBranch").isEmpty() ? gitBranch : line.text("gitBranch");
        version = line.text("version").isEmpty() ? version : line.text("version");
    }

    private void message(TranscriptLine line, Optional<Instant> at) {
        if (!line.has("message.usage.input_tokens") && !line.has("message.usage.output_tokens")) {
            return; // a message without usage was no API response
        }
        String id = line.text("message.id");
        String request = line.text("requestId");
        String key = id.isEmpty() && request.isEmpty() ? "line " + messages.size() : id + "\n" + request;
        messages.putIfAbsent(key, new Message(line.text("message.model"), at.orElse(null),
                new Usage.Tokens(line.whole("message.usage.input_tokens"), line.whole("message.usage.output_tokens"),
                        line.whole("message.usage.cache_creation_input_tokens"),
                        line.whole("message.usage.cache_read_input_tokens")),
                line.whole("message.usage.cache_creation.ephemeral_1h_input_tokens")));
    }

    private void prompt(TranscriptLine line, Part part, Optional<Instant> at) {
        if (part != Part.MAIN || line.flag("isSidechain") || line.text("promptSource").equals("system")
                || line.has("origin.kind")) {
            return; // a sub-agent's task, or a line Claude Code wrote itself (a task notification)
        }
        List<?> blocks = line.list("message.content[].type");
        boolean typed = line.has("message.content") || !blocks.isEmpty() && !blocks.contains("tool_result");
        String id = line.text("promptId");
        if (typed && (id.isEmpty() || promptIds.add(id))) {
            prompts.add(at.orElse(null)); // null: placed at the start
        }
    }

    private void costState(TranscriptLine line, Part part) {
        if (part != Part.MAIN) {
            return;
        }
        Map<String, ModelTotals> models = new LinkedHashMap<>();
        String prefix = "modelUsage.";
        for (String key : line.values().keySet()) {
            if (key.startsWith(prefix) && key.endsWith(".costUSD")) {
                String model = key.substring(prefix.length(), key.length() - ".costUSD".length());
                String m = prefix + model + ".";
                models.put(model, new ModelTotals(new Usage.Tokens(line.whole(m + "inputTokens"),
                        line.whole(m + "outputTokens"), line.whole(m + "cacheCreationInputTokens"),
                        line.whole(m + "cacheReadInputTokens")), line.number(m + "costUSD")));
            }
        }
        costState = new CostState(line.number("totalCostUSD"), models, line.whole("totalLinesAdded"),
                line.whole("totalLinesRemoved"));
        coveredUntil = latestMain;
        if (line.has("startTime")) {
            start = min(start, Instant.ofEpochMilli(line.whole("startTime")));
        }
    }

    /** The session's facts; empty when its lines held no time at all (nothing to place it by). */
    public Optional<ImportedSession> result(PriceTable prices) {
        if (start.equals(Instant.MAX)) {
            return Optional.empty();
        }
        QuarterSlices slices = new QuarterSlices();
        messages.replaceAll((k, m) -> m.at() != null ? m : new Message(m.model(), start, m.tokens(), m.cacheWrite1h()));
        prompts.replaceAll(at -> at != null ? at : start);
        List<Message> uncovered = new ArrayList<>();
        if (costState != null) {
            List<Message> covered = new ArrayList<>();
            for (Message m : messages.values()) {
                (m.at().isAfter(coveredUntil) ? uncovered : covered).add(m);
            }
            Instant last = coveredUntil.equals(Instant.MIN) ? start : coveredUntil;
            costState.models().forEach((model, totals) -> slices.spread(model, totals, covered, prices, last));
            covered.stream().filter(m -> !costState.models().containsKey(m.model()))
                    .forEach(m -> slices.add(Timestamps.quarter(m.at()), m.model(), Usage.Tokens.ZERO, 0, 0, 1));
        } else {
            uncovered.addAll(messages.values());
        }
        for (Message m : uncovered) {
            slices.add(Timestamps.quarter(m.at()), m.model(), m.tokens(),
                    prices.cost(m.model(), m.tokens(), m.cacheWrite1h()), 0, 1);
        }
        prompts.forEach(at -> slices.add(Timestamps.quarter(at), "", Usage.Tokens.ZERO, 0, 1, 0));
        Usage.CodeChanges code = costState == null ? Usage.CodeChanges.ZERO
                : new Usage.CodeChanges(costState.linesAdded(), costState.linesRemoved(), 0, 0);
        boolean settled = !cutOff && (costState == null || uncovered.isEmpty());
        return Optional.of(new ImportedSession(sessionId, new ImportedSession.Place(cwd, gitBranch, version), start,
                max(end, start), costState == null ? CostSource.ESTIMATE : CostSource.TRANSCRIPT, settled,
                slices.list(), code));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
