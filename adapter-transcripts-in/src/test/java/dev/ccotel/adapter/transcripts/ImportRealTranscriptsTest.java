package dev.ccotel.adapter.transcripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.adapter.transcripts.prices.PriceList;
import dev.ccotel.domain.fixtures.Transcripts;
import dev.ccotel.domain.model.CostSource;
import dev.ccotel.domain.model.ImportedSession;
import dev.ccotel.domain.model.Usage;
import dev.ccotel.ports.in.ImportSummary;
import dev.ccotel.ports.in.ImportTranscriptsCommand;
import dev.ccotel.ports.service.imports.ImportTranscriptsService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import over the transcripts real Claude Code 2.1.332 wrote (the fixtures' README says what a
 * correct reader finds in each), through the real file reader, the domain's transcript mapping and
 * the shipped price list; the store is a map.
 */
class ImportRealTranscriptsTest {
    private static final Path PROJECT = Path.of("-tmp-ccotel-transcripts-project");

    @TempDir
    Path home;

    private final KeptInMemory store = new KeptInMemory();

    private ImportSummary importFrom(Path projects) {
        return new ImportTranscriptsService(new TranscriptFiles(), store, new PriceList(home.resolve("no-refresh.json")), 2)
                .importTranscripts(new ImportTranscriptsCommand(List.of(projects.toString()),
                        ImportTranscriptsCommand.SILENT));
    }

    private static void assertTokens(Usage.Tokens expected, ImportedSession s) {
        assertEquals(expected, s.tokens(), "tokens of " + s.sessionId());
    }

    @Test
    void resumedSession_countsTheLastCostStateOnce_andEachMessageOnce() {
        ImportSummary summary = importFrom(Transcripts.into(home, "resume-chain"));

        ImportedSession s = store.sessions.get(Transcripts.RESUMED);
        assertEquals(CostSource.TRANSCRIPT, s.costSource());
        assertTrue(s.settled());
        assertEquals(0.02073, s.costUsd(), 1e-12, "the last cost-state, not the sum of three");
        assertTokens(new Usage.Tokens(4800, 348, 200, 1200), s);
        assertEquals(3, s.prompts(), "three typed prompts; the tool_result is none");
        assertEquals(4, s.usage().stream().mapToLong(ImportedSession.Slice::apiRequests).sum(),
                "msg_0001 is on two lines and counts once");
        assertEquals(new Usage.CodeChanges(3, 0, 0, 0), s.code());
        assertEquals(new ImportedSession.Place("/tmp/ccotel-transcripts/project", "feature/demo", "2.1.332"), s.place());
        assertEquals(Instant.ofEpochMilli(1796630355217L), s.start(), "cost-state's startTime, before the first line");
        assertEquals(Instant.parse("2026-12-07T07:59:18.097Z"), s.end());
        assertEquals(new ImportSummary(1, 1, summary.bytesRead(), 1, 0, Map.of()), summary);
    }

    @Test
    void subAgent_belongsToItsParent_andIsNotCountedAgain() {
        importFrom(Transcripts.into(home, "subagent"));

        assertEquals(List.of(Transcripts.WITH_SUB_AGENT), List.copyOf(store.sessions.keySet()));
        ImportedSession s = store.sessions.get(Transcripts.WITH_SUB_AGENT);
        assertEquals(0.02073, s.costUsd(), 1e-12, "the parent's cost-state already holds the sub-agent's request");
        assertTokens(new Usage.Tokens(4800, 348, 200, 1200), s);
        assertEquals(1, s.prompts(), "the task-notification and the sub-agent's task are no prompts");
        assertEquals(4, s.usage().stream().mapToLong(ImportedSession.Slice::apiRequests).sum());
        assertEquals(2, store.files.size(), "the session's file and its sub-agent's");
    }

    @Test
    void telemetryScenario_transcriptSaysWhatTelemetrySaid() {
        importFrom(Transcripts.into(home, "telemetry"));

        ImportedSession s = store.sessions.get(Transcripts.WITH_TELEMETRY);
        assertEquals(0.010365, s.costUsd(), 1e-12);
        assertTokens(new Usage.Tokens(2400, 174, 100, 600), s);
        assertEquals(1, s.prompts());
    }

    @Test
    void secondImport_overUnchangedFiles_readsNothing() {
        Path projects = Transcripts.into(home, "subagent");
        importFrom(projects);

        ImportSummary again = importFrom(projects);

        assertEquals(new ImportSummary(2, 0, 0, 0, 0, Map.of()), again);
        assertEquals(1, store.keeps);
    }

    @Test
    void withoutCostState_olderClaudeCode_isPricedByThePriceList() throws IOException {
        Path file = Transcripts.into(home, "resume-chain").resolve(PROJECT).resolve(Transcripts.RESUMED + ".jsonl");
        rewrite(file, Files.readAllLines(file).stream().filter(l -> !l.contains("\"type\":\"cost-state\"")).toList());

        importFrom(home.resolve(".claude/projects"));

        ImportedSession s = store.sessions.get(Transcripts.RESUMED);
        assertEquals(CostSource.ESTIMATE, s.costSource());
        assertEquals(4 * 0.0051825, s.costUsd(), 1e-9, "the README's price of one answer, four deduplicated answers");
        assertTokens(new Usage.Tokens(4800, 348, 200, 1200), s);
    }

    @Test
    void aNewPriceList_repricesTheEstimates_once() throws IOException {
        Path file = Transcripts.into(home, "resume-chain").resolve(PROJECT).resolve(Transcripts.RESUMED + ".jsonl");
        rewrite(file, Files.readAllLines(file).stream().filter(l -> !l.contains("\"type\":\"cost-state\"")).toList());
        importFrom(home.resolve(".claude/projects"));
        Files.writeString(home.resolve("no-refresh.json"), """
                {"asOf": "2030-01-01", "origin": "a test", "models": {"claude-sonnet-4-5": {
                  "input_cost_per_token": 1e-6, "output_cost_per_token": 1e-6,
                  "cache_creation_input_token_cost": 1e-6, "cache_read_input_token_cost": 1e-6}}}""");

        ImportSummary repriced = importFrom(home.resolve(".claude/projects"));

        assertEquals(1, repriced.sessionsKept(), "the files did not change, the prices did");
        assertEquals((4800 + 348 + 200 + 1200) * 1e-6, store.sessions.get(Transcripts.RESUMED).costUsd(), 1e-12);
        assertEquals(0, importFrom(home.resolve(".claude/projects")).filesRead());
    }

    @Test
    void usageAfterTheLastCostState_isEstimated_andTheSessionIsNotSettled() throws IOException {
        Path file = Transcripts.into(home, "resume-chain").resolve(PROJECT).resolve(Transcripts.RESUMED + ".jsonl");
        List<String> lines = Files.readAllLines(file);
        rewrite(file, lines.subList(0, 50)); // Claude Code answered the third prompt but has not written its cost-state

        importFrom(home.resolve(".claude/projects"));

        ImportedSession s = store.sessions.get(Transcripts.RESUMED);
        assertEquals(CostSource.TRANSCRIPT, s.costSource());
        assertFalse(s.settled(), "a session still being written is not presented as complete");
        assertEquals(0.0155475 + 0.0051825, s.costUsd(), 1e-9, "second cost-state, and msg_0004 priced");
        assertTokens(new Usage.Tokens(4800, 348, 200, 1200), s);
    }

    @Test
    void badLines_areSkippedAndCounted_andACutOffLastLineLeavesTheSessionUnsettled() throws IOException {
        Path file = Transcripts.into(home, "telemetry").resolve(PROJECT).resolve(Transcripts.WITH_TELEMETRY + ".jsonl");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.add(3, "this is not JSON");
        lines.add(4, "{\"type\":\"some-future-line\",\"sessionId\":\"" + Transcripts.WITH_TELEMETRY + "\"}");
        String cut = lines.get(lines.size() - 1);
        String text = String.join("\n", lines.subList(0, lines.size() - 1)) + "\n" + cut.substring(0, cut.length() / 2);
        Files.writeString(file, text, StandardCharsets.UTF_8);

        ImportSummary summary = importFrom(home.resolve(".claude/projects"));

        assertEquals(Map.of("not JSON", 1L, "unknown type", 1L, "cut off", 1L), summary.skipped());
        ImportedSession s = store.sessions.get(Transcripts.WITH_TELEMETRY);
        assertFalse(s.settled());
        assertEquals(1, summary.unsettled());
        assertEquals(2 * 0.0051825, s.costUsd(), 1e-9, "without its cost-state line, its two answers priced");
    }

    @Test
    void aFileThatVanishes_isCounted_andItsSessionIsNotKeptHalfRead() throws IOException {
        Path projects = Transcripts.into(home, "subagent");
        TranscriptFiles files = new TranscriptFiles();
        var found = files.find(List.of(projects.toString()));
        Files.delete(Path.of(found.stream().filter(f -> f.subAgent()).findFirst().orElseThrow().path()));
        var service = new ImportTranscriptsService(new dev.ccotel.ports.out.ReadTranscriptsPort() {
            @Override
            public List<TranscriptFile> find(List<String> roots) {
                return found; // listed before the sub-agent's file went away
            }

            @Override
            public FileRead read(TranscriptFile file, java.util.function.Consumer<dev.ccotel.domain.source.transcript.TranscriptLine> lines) {
                return files.read(file, lines);
            }
        }, store, new PriceList(home.resolve("none.json")), 1);

        ImportSummary summary = service.importTranscripts(new ImportTranscriptsCommand(List.of(projects.toString()),
                ImportTranscriptsCommand.SILENT));

        assertEquals(Map.of("vanished", 1L), summary.skipped());
        assertEquals(Map.of(), store.sessions, "not kept without its sub-agent's part");
        assertEquals(0, summary.sessionsKept());
    }

    @Test
    void rootsThatDoNotExist_holdNothing_andARootNamedTwiceIsReadOnce() {
        Path projects = Transcripts.into(home, "telemetry");
        ImportSummary summary = new ImportTranscriptsService(new TranscriptFiles(), store, new PriceList(home.resolve("x")), 1)
                .importTranscripts(new ImportTranscriptsCommand(List.of(projects.toString(), projects + "/../projects",
                        home.resolve("nowhere").toString()), ImportTranscriptsCommand.SILENT));

        assertEquals(1, summary.filesFound());
        assertEquals(1, summary.sessionsKept());
    }

    private static void rewrite(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
