package dev.ccotel.adapter.shellenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.ccotel.ports.in.TelemetryEnvOptions;
import dev.ccotel.ports.model.CcotelCommands;
import dev.ccotel.ports.model.ClaudeSettingsChange;
import dev.ccotel.ports.model.ClaudeSettingsEntries;
import dev.ccotel.ports.model.StatusLineChoice;
import dev.ccotel.ports.service.shellenv.TelemetryEnvPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installs racing on one settings.json serialise on its lock: one writes, the others find it up to date. */
class ConcurrentSettingsInstallTest {

    @TempDir
    Path temp;

    @Test
    void racingInstalls_writeOnce_andUninstallStillRestoresTheFile() throws Exception {
        TempHome home = new TempHome(temp);
        Path settings = home.home.resolve(".claude/settings.json");
        Files.createDirectories(settings.getParent());
        String original = "{\n    \"theme\": \"dark\"\n}";
        Files.writeString(settings, original);
        ClaudeSettingsEntries entries = new ClaudeSettingsEntries(TelemetryEnvPolicy.decide(
                TelemetryEnvOptions.defaults(4317)), Optional.of(new CcotelCommands("/opt/ccotel/bin/ccotel")),
                StatusLineChoice.KEEP);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ClaudeSettingsChange>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return ShellEnvAdapterFactory.claudeSettings(home.environment()).write(entries, false);
                }));
            }
            start.countDown();
            long written = 0;
            for (Future<ClaudeSettingsChange> result : results) {
                assertFalse(result.get() instanceof ClaudeSettingsChange.Failed, result.get().toString());
                written += result.get() instanceof ClaudeSettingsChange.Changed ? 1 : 0;
            }
            assertEquals(1, written);
        }

        assertInstanceOf(ClaudeSettingsChange.Changed.class,
                ShellEnvAdapterFactory.claudeSettings(home.environment()).remove(false));
        assertEquals(original, Files.readString(settings));
    }
}
