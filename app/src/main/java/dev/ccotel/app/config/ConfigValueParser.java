package dev.ccotel.app.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses configuration text into typed values; every failure names the key and shows the value. */
final class ConfigValueParser {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*(|b|kb|kib|mb|mib|gb|gib)");

    private ConfigValueParser() {}

    static int integer(String key, String text, int min, int max) {
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new ConfigError(key + ": '" + text + "' is not a whole number");
        }
        if (value < min || value > max) {
            throw new ConfigError(key + ": " + value + " is out of range " + min + ".." + max);
        }
        return (int) value;
    }

    static boolean bool(String key, String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigError(key + ": '" + text + "' is not true or false");
        };
    }

    /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 24h}, {@code 7d}, or ISO-8601 such as {@code PT10S}. */
    static Duration duration(String key, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ConfigError(key + ": '" + text + "' is not a duration; write e.g. 500ms, 10s, 5m, 24h or 7d");
        }
    }

    /** A byte count: a plain number or one with KB/KiB/MB/MiB/GB/GiB (both as powers of 1024). */
    static long bytes(String key, String text) {
        Matcher m = BYTES.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigError(key + ": '" + text + "' is not a size; write e.g. 4194304, 4MiB or 64MiB");
        }
        long unit = switch (m.group(2)) {
            case "kb", "kib" -> 1L << 10;
            case "mb", "mib" -> 1L << 20;
            case "gb", "gib" -> 1L << 30;
            default -> 1;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new ConfigError(key + ": '" + text + "' is too large");
        }
    }
}
