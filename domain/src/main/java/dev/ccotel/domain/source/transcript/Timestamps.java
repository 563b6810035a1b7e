package dev.ccotel.domain.source.transcript;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Times in transcripts, and the quarters of an hour usage is kept by. */
final class Timestamps {
    private static final long QUARTER_MS = 15 * 60 * 1000;

    private Timestamps() {
    }

    /** Claude Code's times ({@code 2026-12-07T07:59:15.566Z}) by hand, on every line; anything else through {@link Instant#parse}. */
    static Optional<Instant> parse(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.length() == 24 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == '.' && text.charAt(23) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            int milli = digits(text, 20, 3);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour < 24
                    && minute >= 0 && minute < 60 && second >= 0 && second < 60 && milli >= 0) {
                try {
                    long days = java.time.LocalDate.of(year, month, day).toEpochDay();
                    return Optional.of(Instant.ofEpochMilli(((days * 24 + hour) * 60 + minute) * 60_000L
                            + second * 1000L + milli));
                } catch (java.time.DateTimeException e) {
                    return Optional.empty(); // 31 February
                }
            }
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The number in {@code text[from, from + length)}; -1 when a character is not a digit. */
    private static int digits(String text, int from, int length) {
        int n = 0;
        for (int i = from; i < from + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    static Instant quarter(Instant at) {
        long ms = at.toEpochMilli();
        return Instant.ofEpochMilli(ms - Math.floorMod(ms, QUARTER_MS));
    }
}
