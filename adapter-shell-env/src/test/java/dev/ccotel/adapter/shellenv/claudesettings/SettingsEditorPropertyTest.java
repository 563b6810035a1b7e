package dev.ccotel.adapter.shellenv.claudesettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.ccotel.ports.in.OtlpProtocol;
import dev.ccotel.ports.in.TelemetryEnvOptions;
import dev.ccotel.ports.model.CcotelCommands;
import dev.ccotel.ports.model.ClaudeSettingsEntries;
import dev.ccotel.ports.model.StatusLineChoice;
import dev.ccotel.ports.service.shellenv.TelemetryEnvPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the settings.json edit over generated files (see {@link SettingsContentGenerator}). Each case is
 * one seed, named in the test and in every message, so a failure replays with
 * {@code SettingsContentGenerator.generate(seed)}.
 */
class SettingsEditorPropertyTest {

    static LongStream seeds() {
        return LongStream.range(0, 1_500);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void installThenUninstall_givesBackEveryByte_andInstallIsIdempotent(long seed) {
        String original = SettingsContentGenerator.generate(seed);
        SplittableRandom random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        ClaudeSettingsEntries entries = entries(random);
        String why = "seed " + seed + ", file:\n" + original;

        SettingsPlan plan = SettingsEditor.install(Optional.of(original), Optional.empty(), entries);
        SettingsPlan.Write write = assertInstanceOf(SettingsPlan.Write.class, plan, why);
        SettingsEditorTest.assertValid(write.text());
        assertInstanceOf(SettingsPlan.Keep.class, SettingsEditor.install(Optional.of(write.text()), write.record(),
                entries), "second install, " + why + "\ninstalled:\n" + write.text());
        if (original.contains("\r\n")) {
            assertEquals(bareLineFeeds(original), bareLineFeeds(write.text()), "CRLF file gets CRLF lines, " + why);
        }

        String removed = SettingsEditorTest.write(SettingsEditor.uninstall(Optional.of(write.text()), write.record()));
        assertEquals(original, removed, why + "\ninstalled:\n" + write.text());
        assertEquals(original, new String(removed.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), why);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void refreshWithOtherChoices_stillUninstallsToTheOriginal(long seed) {
        String original = SettingsContentGenerator.generate(seed);
        SplittableRandom random = new SplittableRandom(seed * 31 + 7);
        String why = "seed " + seed + ", file:\n" + original;

        SettingsPlan.Write first = (SettingsPlan.Write) SettingsEditor.install(Optional.of(original), Optional.empty(),
                entries(random));
        SettingsPlan second = SettingsEditor.install(Optional.of(first.text()), first.record(), entries(random));
        String text = second instanceof SettingsPlan.Write w ? w.text() : first.text();
        Optional<SettingsRecord> record = second instanceof SettingsPlan.Write w ? w.record() : first.record();
        SettingsEditorTest.assertValid(text);

        String removed = SettingsEditorTest.write(SettingsEditor.uninstall(Optional.of(text), record));
        assertEquals(original, removed, why + "\nafter the second install:\n" + text);
    }

    private static long bareLineFeeds(String text) {
        return java.util.stream.IntStream.range(0, text.length())
                .filter(i -> text.charAt(i) == '\n' && (i == 0 || text.charAt(i - 1) != '\r')).count();
    }

    /** Random options (port, protocol, optional variables), launcher path (with a quote) and statusLine choice. */
    static ClaudeSettingsEntries entries(SplittableRandom random) {
        TelemetryEnvOptions options = new TelemetryEnvOptions(1 + random.nextInt(65_535),
                random.nextBoolean() ? Optional.of(Duration.ofMillis(1 + random.nextInt(100_000))) : Optional.empty(),
                random.nextBoolean() ? Optional.of(Duration.ofMillis(1 + random.nextInt(100_000))) : Optional.empty(),
                random.nextBoolean(), OtlpProtocol.values()[random.nextInt(OtlpProtocol.values().length)]);
        String launcher = random.nextBoolean() ? "/opt/ccotel/bin/ccotel" : "/home/o'neil/dist/1.0/bin/ccotel";
        return new ClaudeSettingsEntries(TelemetryEnvPolicy.decide(options),
                random.nextInt(5) == 0 ? Optional.empty() : Optional.of(new CcotelCommands(launcher)),
                StatusLineChoice.values()[random.nextInt(StatusLineChoice.values().length)]);
    }
}
