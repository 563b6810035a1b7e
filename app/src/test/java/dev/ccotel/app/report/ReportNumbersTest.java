package dev.ccotel.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The report tables' numbers read as {@code String.format(Locale.ROOT, ...)} wrote them before they got
 * formatters of their own: the same digits, separators and half-up rounding of a double's shortest
 * decimal form (0.66065 is 0.6607). Seeded; the seed is printed on failure.
 */
class ReportNumbersTest {
    @Test
    void counts_costs_andDurations_readAsStringFormatWroteThem() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        ReportTables.Numbers n = new ReportTables.Numbers();
        for (int i = 0; i < 200_000; i++) {
            long count = switch (i % 3) {
                case 0 -> random.nextInt(1_000);
                case 1 -> random.nextLong(10_000_000_000L);
                default -> -random.nextInt(100_000);
            };
            assertEquals(String.format(Locale.ROOT, "%,d", count), n.count(count), "seed " + seed);
            double usd = switch (i % 4) {
                case 0 -> random.nextInt(100_000) / 1e6; // a session's tenths of a cent
                case 1 -> (random.nextInt(20_000) + 0.5) / 1e4; // halves, rounded up
                case 2 -> random.nextInt(10_000_000) / 1e5;
                default -> random.nextDouble() * 100_000;
            };
            assertEquals(String.format(Locale.ROOT, usd < 1 ? "%,.4f" : "%,.2f", usd), n.cost(usd), "seed " + seed);
            double seconds = i % 2 == 0 ? (random.nextInt(600) + 0.05) / 10 : random.nextDouble() * 100_000;
            long s = Math.round(seconds);
            String before = seconds < 59.95 ? String.format(Locale.ROOT, "%.1fs", seconds)
                    : s < 3600 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02ds", s % 60)
                    : (s / 3600) + "h" + String.format(Locale.ROOT, "%02dm", s / 60 % 60);
            assertEquals(before, n.duration(seconds), "seed " + seed + ", " + seconds + " s");
        }
    }
}
