package dev.ccotel.domain.source.transcript;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.model.ImportedSession;
import dev.ccotel.domain.model.PriceTable;
import dev.ccotel.domain.model.Usage;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reader's rules on hand-made lines, each a cut-down copy of a line type of the real transcripts
 * (the files themselves are read end to end in adapter-transcripts-in's ImportRealTranscriptsTest).
 */
class TranscriptReaderTest {
    private static final PriceTable PRICES = new PriceTable("2026-05-17", "test", Map.of("claude-sonnet-4-5",
            new PriceTable.ModelPrice(3e-6, 15e-6, 3.75e-6, 6e-6, 3e-7, 6e-6, 22.5e-6, 7.5e-6, 6e-7)));

    private static TranscriptLine line(Object... pairs) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return new TranscriptLine(values);
    }

    private static TranscriptLine assistant(String id, String at, long input) {
        return line("type", "assistant", "timestamp", at, "message.id", id, "requestId", "req_" + id,
                "message.model", "claude-sonnet-4-5", "message.usage.input_tokens", input,
                "message.usage.output_tokens", 10L);
    }

    @Test
    void fieldSelection_findsExactNamesAnyKeyAndArrayElements() {
        FieldSelection root = FieldSelection.of(List.of("message.usage.input_tokens", "modelUsage.*.costUSD",
                "message.content[].type"));
        assertTrue(root.field("message").field("usage").field("input_tokens").wantsValue());
        assertTrue(root.field("modelUsage").field("claude-opus-4-7").field("costUSD").wantsValue());
        assertTrue(root.field("message").field("content").elements().field("type").wantsValue());
        assertNull(root.field("attachment"), "not asked for: skipped unread");
        assertNull(root.field("message").field("usage").field("input_tokens").elements());
    }

    @Test
    void promptsAreWhatAPersonTyped() {
        TranscriptReader r = new TranscriptReader("s");
        String at = "2026-12-07T07:59:15.669Z";
        r.read(line("type", "user", "timestamp", at, "promptId", "p1", "message.content", "Please WRITEFILE now"),
                TranscriptReader.Part.MAIN);
        r.read(line("type", "user", "timestamp", at, "promptId", "p1", "message.content[].type", List.of("tool_result")),
                TranscriptReader.Part.MAIN);
        r.read(line("type", "user", "timestamp", at, "promptId", "p2", "message.content", "<task-notification>…",
                "promptSource", "system", "origin.kind", "task-notification"), TranscriptReader.Part.MAIN);
        r.read(line("type", "user", "timestamp", at, "promptId", "p1", "isSidechain", true,
                "message.content", "Say hello from the sub-agent."), TranscriptReader.Part.SUB_AGENT);
        r.read(line("type", "user", "timestamp", at, "promptId", "p3", "message.content[].type", List.of("text")),
                TranscriptReader.Part.MAIN);

        assertEquals(2, r.result(PRICES).orElseThrow().prompts());
    }

    @Test
    void costStateLaysItsTotalsOverTheQuartersItsMessagesFellIn() {
        TranscriptReader r = new TranscriptReader("s");
        r.read(assistant("m1", "2026-12-07T07:59:00Z", 1000), TranscriptReader.Part.MAIN);
        r.read(assistant("m1", "2026-12-07T07:59:01Z", 1000), TranscriptReader.Part.MAIN); // the same message again
        r.read(assistant("m2", "2026-12-07T08:20:00Z", 3000), TranscriptReader.Part.SUB_AGENT);
        r.read(line("type", "queue-operation", "timestamp", "2026-12-07T08:30:00Z"), TranscriptReader.Part.MAIN);
        r.read(line("type", "cost-state", "totalCostUSD", 1.0, "modelUsage.claude-sonnet-4-5.inputTokens", 4001L,
                "modelUsage.claude-sonnet-4-5.outputTokens", 20L, "modelUsage.claude-sonnet-4-5.costUSD", 1.0),
                TranscriptReader.Part.MAIN);

        ImportedSession s = r.result(PRICES).orElseThrow();

        assertEquals(2, s.usage().size());
        ImportedSession.Slice first = s.usage().get(0);
        ImportedSession.Slice second = s.usage().get(1);
        assertEquals(Instant.parse("2026-12-07T07:45:00Z"), first.quarter());
        assertEquals(Instant.parse("2026-12-07T08:15:00Z"), second.quarter());
        assertEquals(new Usage.Tokens(4001, 20, 0, 0), first.tokens().plus(second.tokens()), "cost-state's, whole");
        assertEquals(1000, first.tokens().input(), "in the messages' proportion, the rounding in the last");
        assertEquals(1.0, first.costUsd() + second.costUsd(), 1e-12);
        assertTrue(second.costUsd() > 2 * first.costUsd(), "the larger request carries more of the cost");
        assertTrue(s.settled());
    }

    @Test
    void unknownLineTypes_areCounted_andALineWithoutTimeDoesNotBreakTheSession() {
        TranscriptReader r = new TranscriptReader("s");
        r.read(line("type", "a-type-of-claude-code-3"), TranscriptReader.Part.MAIN);
        r.read(line("sessionId", "s"), TranscriptReader.Part.MAIN);
        r.read(line("type", "assistant", "message.id", "m", "message.model", "claude-sonnet-4-5",
                "message.usage.input_tokens", 1L), TranscriptReader.Part.MAIN);
        assertEquals(2, r.unknownLines());
        assertEquals(java.util.Optional.empty(), r.result(PRICES), "nothing says when: nothing to place it by");

        r.read(line("type", "user", "timestamp", "2026-12-07T07:59:00Z", "message.content", "hi"), TranscriptReader.Part.MAIN);
        assertNotNull(r.result(PRICES).orElseThrow());
    }

    @Test
    void claudeCodesTimes_readByHand_equalInstantParse() {
        for (String t : List.of("2026-12-07T07:59:15.566Z", "2024-02-29T23:59:59.999Z", "1999-01-01T00:00:00.000Z")) {
            assertEquals(java.util.Optional.of(Instant.parse(t)), Timestamps.parse(t));
        }
        assertEquals(java.util.Optional.of(Instant.parse("2026-12-07T07:59:15Z")), Timestamps.parse("2026-12-07T07:59:15Z"));
        assertEquals(java.util.Optional.empty(), Timestamps.parse("2026-02-31T07:59:15.566Z"));
        assertEquals(java.util.Optional.empty(), Timestamps.parse("yesterday"));
    }

    @Test
    void split_givesTheRoundingToTheLastPart_andEverythingWhenNothingWeighs() {
        assertArrayEquals(new long[] {3, 3, 4}, QuarterSlices.split(10, new double[] {1, 1, 1}));
        assertArrayEquals(new long[] {0, 0, 7}, QuarterSlices.split(7, new double[] {0, 0, 0}));
    }

    @Test
    void priceTable_longContextAndHourLongCacheWrites() {
        Usage.Tokens small = new Usage.Tokens(1000, 100, 1000, 0);
        assertEquals(1000 * 3e-6 + 100 * 15e-6 + 400 * 3.75e-6 + 600 * 6e-6,
                PRICES.cost("claude-sonnet-4-5-20250929", small, 600), 1e-12, "by name without its date");
        Usage.Tokens large = new Usage.Tokens(150_000, 100, 0, 60_000);
        assertEquals(150_000 * 6e-6 + 100 * 22.5e-6 + 60_000 * 6e-7, PRICES.cost("claude-sonnet-4-5", large, 0), 1e-12);
        assertEquals(0, PRICES.cost("a-model-nobody-prices", small, 0));
    }
}
