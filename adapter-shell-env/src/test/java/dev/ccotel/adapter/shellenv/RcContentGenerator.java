package dev.ccotel.adapter.shellenv;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generator of rc file contents that are hard to keep byte-exact: CRLF, mixed and CR-only line endings,
 * a missing final line break, bytes that are not UTF-8, NULs, very long lines and files, and look-alikes of the
 * ccotel markers. It never produces an exact marker line, so install must always succeed on its output.
 */
final class RcContentGenerator {

    static final List<String> LOOK_ALIKES = List.of(
            " # >>> ccotel >>>",
            "# >>> ccotel >>> ",
            "#>>> ccotel >>>",
            "# >>> CCOTEL >>>",
            "# >>> ccotel >>",
            "# >>> ccotel >>>x",
            "# >>> ccotel >>>\r\r",
            "\t# <<< ccotel <<<",
            "# <<< ccotel <<< # end",
            "# <<< ccotel <<<\u0000",
            "echo '# >>> ccotel >>>'",
            "x# <<< ccotel <<<",
            "# >>> conda initialize >>>",
            "# <<< conda initialize <<<",
            "# >>> ccotel >>>\u00a0",
            "# >>> ccotel >>>\r# <<< ccotel <<<");

    private static final List<String> SHELL_LINES = List.of(
            "export PATH=\"$HOME/bin:$PATH\"",
            "alias ll='ls -la'",
            "[ -f ~/.bashrc ] && . ~/.bashrc",
            "if [ -n \"$PS1\" ]; then",
            "fi",
            "set -gx EDITOR vim",
            "# a comment",
            "",
            "   ",
            "\t\tindented",
            "export OTEL_EXPORTER_OTLP_ENDPOINT=http://elsewhere:4317",
            "PS1='\\u@\\h:\\w\\$ '",
            "echo caf\u00c3\u00a9 \u00e2\u0082\u00ac");

    private RcContentGenerator() {}

    static byte[] generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        // CRLF twice: dotfiles from Windows or autocrlf checkouts are common (WSL), and their block must be LF.
        String style = pick(random, List.of("lf", "lf", "crlf", "crlf", "mixed", "cr"));
        boolean longFile = random.nextInt(100) < 3;
        int lines = longFile ? 2_000 + random.nextInt(20_000) : random.nextInt(40);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines; i++) {
            out.writeBytes(line(random, longFile).getBytes(StandardCharsets.ISO_8859_1));
            boolean last = i == lines - 1;
            if (!last || random.nextInt(100) < 60) {
                out.writeBytes(terminator(random, style).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return out.toByteArray();
    }

    private static String line(SplittableRandom random, boolean longFile) {
        int kind = random.nextInt(100);
        if (kind < 45) {
            return pick(random, SHELL_LINES);
        }
        if (kind < 65) {
            return pick(random, LOOK_ALIKES);
        }
        if (kind < 90) {
            return randomBytes(random, random.nextInt(80));
        }
        if (longFile) {
            return randomBytes(random, random.nextInt(80)); // many lines rather than many megabytes
        }
        if (kind < 99) {
            return "# long " + "x".repeat(1_000 + random.nextInt(10_000));
        }
        return randomBytes(random, 50_000 + random.nextInt(150_000));
    }

    /** Any byte except '#', so no marker can form by chance; line breaks and CRs included on purpose. */
    private static String randomBytes(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = (char) random.nextInt(256);
            text.append(c == '#' ? '\u00ff' : c);
        }
        return text.toString();
    }

    private static String terminator(SplittableRandom random, String style) {
        return switch (style) {
            case "lf" -> "\n";
            case "crlf" -> "\r\n";
            case "mixed" -> pick(random, List.of("\n", "\r\n", "\r\n", "\r"));
            default -> "\r";
        };
    }

    private static <T> T pick(SplittableRandom random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
