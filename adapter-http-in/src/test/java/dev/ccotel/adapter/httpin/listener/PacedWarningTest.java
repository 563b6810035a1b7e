package dev.ccotel.adapter.httpin.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class PacedWarningTest {
    /** A clock the test moves. */
    private static final class Ticking extends Clock {
        Instant now = Instant.parse("2026-12-07T08:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Keeps what was logged. */
    private static final class Lines implements System.Logger {
        final List<String> lines = new ArrayList<>();

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + format);
        }
    }

    @Test
    void aThousandInAMinute_oneLine_thenTheNextMinuteSaysHowManyMore() {
        Ticking clock = new Ticking();
        Lines log = new Lines();
        PacedWarning warning = new PacedWarning(log, clock);

        for (int i = 0; i < 1_000; i++) {
            warning.warn("refused a connection");
            clock.now = clock.now.plusMillis(10);
        }
        assertEquals(1, log.lines.size(), log.lines.toString());

        clock.now = clock.now.plus(Duration.ofMinutes(1));
        warning.warn("refused a connection");

        assertEquals(2, log.lines.size());
        assertTrue(log.lines.get(1).startsWith("WARNING refused a connection (and 999 more"), log.lines.get(1));
        assertEquals(1_001, warning.seen());
    }
}
