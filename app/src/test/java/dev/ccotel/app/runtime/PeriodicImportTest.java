package dev.ccotel.app.runtime;

import dev.ccotel.app.compose.DaemonComposition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.adapter.sqlite.SqliteUsageReader;
import dev.ccotel.app.config.ConfigError;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.app.config.ImportConfig;
import dev.ccotel.app.config.Settings;
import dev.ccotel.domain.fixtures.Transcripts;
import dev.ccotel.domain.model.CostSource;
import dev.ccotel.ports.out.UsageSlice;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import.auto}: a session run while no daemon listened appears by itself once one starts. */
class PeriodicImportTest {
    @TempDir
    Path home;

    private DaemonConfig config(Map<String, String> more) {
        Map<String, String> env = Map.of("HOME", home.toString());
        Map<String, String> flags = new java.util.HashMap<>(Map.of("receiver.port", "0", "receiver.http.port", "0"));
        flags.putAll(more);
        return DaemonConfig.from(Settings.load(Optional.empty(), env, flags), env, Version.VALUE, "test-host", false);
    }

    @Test
    void theDaemonImportsAtStart_whatClaudeCodeWroteWhileItWasStopped() throws InterruptedException {
        Transcripts.into(home, "subagent");
        Path store = home.resolve(".local/share/ccotel/ccotel.db");
        List<UsageSlice> imported = List.of();
        try (Daemon daemon = DaemonComposition.start(config(Map.of()), Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // a bound, not a measurement
            while (imported.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                imported = new SqliteUsageReader(store).slices(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"),
                        Optional.empty()).stream().filter(UsageSlice::imported).toList();
            }
        }
        assertTrue(!imported.isEmpty(), "the sub-agent scenario's session was imported");
        assertEquals(Transcripts.WITH_SUB_AGENT, imported.getFirst().sessionId());
        assertEquals(CostSource.TRANSCRIPT, imported.getFirst().costSource());
    }

    @Test
    void importIsOnByDefault_everyTenMinutes_overEveryTranscriptFolder_andCanBeTurnedOff() {
        ImportConfig imports = config(Map.of()).imports().orElseThrow();
        assertEquals(Duration.ofMinutes(10), imports.interval());
        assertEquals(List.of(home.resolve(".claude/projects").toString(),
                home.resolve(".config/claude/projects").toString()), imports.roots());

        assertEquals(Optional.empty(), config(Map.of("import.auto", "false")).imports());
        assertEquals(Optional.empty(), config(Map.of("delivery.mode", "passthrough", "backend.token", "t")).imports(),
                "nothing to import into without a store");
        ConfigError zero = assertThrows(ConfigError.class, () -> config(Map.of("import.interval", "0s")));
        assertTrue(zero.getMessage().contains("import.interval"), zero.getMessage());
    }

    @Test
    void claudeConfigDir_isReadFirst_eachOfSeveral() {
        assertEquals(List.of(Path.of("/a/projects").toString(), Path.of("/b/projects").toString(),
                Path.of("/h/.claude/projects").toString(), Path.of("/h/.config/claude/projects").toString(), "/x"),
                ImportConfig.roots(Map.of("CLAUDE_CONFIG_DIR", "/a, /b", "HOME", "/h"), List.of("/x")));
    }
}
