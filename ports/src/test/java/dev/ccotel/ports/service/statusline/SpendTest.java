package dev.ccotel.ports.service.statusline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SpendTest {
    private static final Instant MONTH_START = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void theMonthEndsAtThePaceOfTheDaysGone() {
        // $70 in the first 7 days of a 31-day month: $310 at that pace
        assertEquals(310, Spend.forecast(70, MONTH_START, MONTH_START.plusSeconds(7 * 86_400), 31), 1e-9);
    }

    @Test
    void theFirstHoursCountAsADay() {
        // $5 in the first hour is $5 a day, not $120 a day
        assertEquals(155, Spend.forecast(5, MONTH_START, MONTH_START.plusSeconds(3_600), 31), 1e-9);
        assertEquals(0, Spend.forecast(0, MONTH_START, MONTH_START.plusSeconds(3_600), 31), 1e-9);
    }
}
