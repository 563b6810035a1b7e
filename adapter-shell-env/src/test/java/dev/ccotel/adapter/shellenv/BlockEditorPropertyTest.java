package dev.ccotel.adapter.shellenv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.ports.in.TelemetryEnvOptions;
import dev.ccotel.ports.model.ShellKind;
import dev.ccotel.ports.service.shellenv.TelemetryEnvPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the text edit over generated rc contents (see {@link RcContentGenerator}). Each case is one seed;
 * the seed is the test's name, so a failure can be replayed with {@code RcContentGenerator.generate(seed)}.
 */
class BlockEditorPropertyTest {

    private static final Pattern EXACT_MARKER = Pattern.compile(
            "^(# >>> ccotel >>>|# <<< ccotel <<<)\\r?$", Pattern.MULTILINE | Pattern.UNIX_LINES);

    static LongStream seeds() {
        return LongStream.range(0, 1_200);
    }

    static LongStream staleSeeds() {
        return LongStream.range(0, 500);
    }

    static LongStream brokenSeeds() {
        return LongStream.range(10_000, 10_300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void installThenUninstall_givesBackTheOriginalBytes_andInstallIsIdempotent(long seed) {
        String original = latin1(RcContentGenerator.generate(seed));
        assertFalse(EXACT_MARKER.matcher(original).find(), "generator made a marker, seed " + seed);
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        ShellKind shell = ShellKind.values()[random.nextInt(3)];
        List<String> block = block(shell, random);

        String installed = written(BlockEditor.planInstall(Optional.of(original), block), seed);
        String again = BlockEditor.planInstall(Optional.of(installed), block) instanceof FilePlan.Write w ? w.text()
                : installed;
        String removed = written(BlockEditor.planRemove(Optional.of(installed), false), seed);

        assertTrue(installed.startsWith(original), "install only appends, seed " + seed);
        assertFalse(installed.substring(original.length()).contains("\r"),
                "the block and the break before it are LF only, whatever the file uses, seed " + seed);
        assertEquals(installed, again, "second install changes nothing, seed " + seed);
        assertArrayEquals(bytes(original), bytes(removed), "uninstall restores every byte, seed " + seed);
        assertEquals(original.endsWith("\n") || original.isEmpty(),
                installed.endsWith("\n"), "a file without final newline keeps none, seed " + seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("staleSeeds")
    void staleBlock_isReplacedInPlace_andStillRemovesCleanly(long seed) {
        String original = latin1(RcContentGenerator.generate(seed));
        SplittableRandom random = new SplittableRandom(seed * 31 + 7);
        ShellKind shell = ShellKind.values()[random.nextInt(3)];
        List<String> stale = block(shell, random);
        List<String> current = block(shell, random);
        String withStale = written(BlockEditor.planInstall(Optional.of(original), stale), seed);

        FilePlan refreshed = BlockEditor.planInstall(Optional.of(withStale), current);
        String expected = written(BlockEditor.planInstall(Optional.of(original), current), seed);

        String result = refreshed instanceof FilePlan.Write w ? w.text() : withStale;
        assertEquals(expected, result, "seed " + seed);
        assertArrayEquals(bytes(original), bytes(written(BlockEditor.planRemove(Optional.of(result), false), seed)),
                "seed " + seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("brokenSeeds")
    void markerWithoutItsPartner_isRefused_notGuessedAt(long seed) {
        String original = latin1(RcContentGenerator.generate(seed));
        SplittableRandom random = new SplittableRandom(seed);
        String broken = insertAtLineStart(original, pick(random, List.of(
                "# >>> ccotel >>>\n",
                "# <<< ccotel <<<\r\n",
                "# <<< ccotel <<<\n# >>> ccotel >>>\n",
                "# >>> ccotel >>>\n# >>> ccotel >>>\n# <<< ccotel <<<\n",
                "# >>> ccotel >>>\nx\n# <<< ccotel <<<\n# >>> ccotel >>>\ny\n# <<< ccotel <<<\n")), random);

        assertInstanceOf(FilePlan.Refuse.class,
                BlockEditor.planInstall(Optional.of(broken), block(ShellKind.BASH, random)), "seed " + seed);
        assertInstanceOf(FilePlan.Refuse.class, BlockEditor.planRemove(Optional.of(broken), true), "seed " + seed);
    }

    private static List<String> block(ShellKind shell, SplittableRandom random) {
        TelemetryEnvOptions options = new TelemetryEnvOptions(1 + random.nextInt(65_535),
                random.nextBoolean() ? Optional.of(Duration.ofMillis(1 + random.nextInt(100_000))) : Optional.empty(),
                random.nextBoolean() ? Optional.of(Duration.ofMillis(1 + random.nextInt(100_000))) : Optional.empty(),
                random.nextBoolean());
        return BlockRenderer.lines(shell, TelemetryEnvPolicy.decide(options));
    }

    private static String insertAtLineStart(String text, String lines, SplittableRandom random) {
        int at = random.nextInt(text.length() + 1);
        int lineStart = at == 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
        String prefix = text.substring(0, lineStart);
        boolean needsBreak = !prefix.isEmpty() && !prefix.endsWith("\n");
        return prefix + (needsBreak ? "\n" : "") + lines + text.substring(lineStart);
    }

    private static String written(FilePlan plan, long seed) {
        return assertInstanceOf(FilePlan.Write.class, plan, "seed " + seed).text();
    }

    private static <T> T pick(SplittableRandom random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
