package dev.ccotel.ports.service.statusline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.ports.in.StatuslineLook;
import dev.ccotel.ports.service.statusline.StatuslineFormat.Part;
import dev.ccotel.ports.service.statusline.StatuslineFormat.Piece;
import dev.ccotel.ports.service.statusline.StatuslineFormat.Tone;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StatuslineFormatTest {
    private static final StatuslineFormat DEFAULT = StatuslineFormat.parse(StatuslineFormat.DEFAULT);

    private static Map<Part, List<Piece>> values() {
        Map<Part, List<Piece>> v = new EnumMap<>(Part.class);
        v.put(Part.SESSION, List.of(new Piece("$0.016", Tone.GOOD)));
        v.put(Part.TODAY, List.of(new Piece("today $1.20", Tone.PLAIN)));
        v.put(Part.LIMITS, List.of(new Piece("5h 42%", Tone.PLAIN), new Piece(" ↺14:30", Tone.DIM)));
        v.put(Part.MODEL, List.of(new Piece("Sonnet 4.5", Tone.DIM)));
        return v;
    }

    @Test
    void aPartWithNothingToShowGoesWithTheSeparatorBeforeIt() {
        // no {month}: no monthly budget
        assertEquals("$0.016 · today $1.20 · 5h 42% ↺14:30 · Sonnet 4.5", DEFAULT.render(values(), StatuslineLook.PLAIN));
        Map<Part, List<Piece>> noSession = values();
        noSession.remove(Part.SESSION);
        assertEquals("today $1.20 · 5h 42% ↺14:30 · Sonnet 4.5", DEFAULT.render(noSession, StatuslineLook.PLAIN));
    }

    @Test
    void aNarrowTerminalLosesTheLeastWantedPartsFirst() {
        // the model goes first, then today's cost; the session and the limits stay
        assertEquals("$0.016 · today $1.20 · 5h 42% ↺14:30", DEFAULT.render(values(),
                new StatuslineLook(OptionalInt.of(40), false)));
        assertEquals("$0.016 · 5h 42% ↺14:30", DEFAULT.render(values(), new StatuslineLook(OptionalInt.of(30), false)));
        assertEquals("$0.016", DEFAULT.render(values(), new StatuslineLook(OptionalInt.of(8), false)));
        assertEquals("$0.0…", DEFAULT.render(values(), new StatuslineLook(OptionalInt.of(5), false)));
    }

    @Test
    void colourOnlyWhenWantedAndNeverInTheWidth() {
        String coloured = DEFAULT.render(values(), new StatuslineLook(OptionalInt.of(30), true));
        assertTrue(coloured.startsWith("\u001b[32m$0.016\u001b[0m"), coloured);
        assertEquals("$0.016 · 5h 42% ↺14:30", coloured.replaceAll("\u001b\\[[0-9;]*m", ""));
    }

    @Test
    void aUserFormatKeepsItsOwnText() {
        StatuslineFormat mine = StatuslineFormat.parse("[{branch}] {session} | {today}!");
        Map<Part, List<Piece>> v = values();
        v.put(Part.BRANCH, List.of(new Piece("feature/demo", Tone.PLAIN)));
        assertEquals("[feature/demo] $0.016 | today $1.20!", mine.render(v, StatuslineLook.PLAIN));
    }

    @Test
    void anUnknownPlaceholderIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StatuslineFormat.parse("{session} {cost}"));
        assertTrue(e.getMessage().contains("{cost}") && e.getMessage().contains("{session}"), e.getMessage());
    }

    /** Seeded: whatever the parts and the width, the line fits and its text is the plain line's, cut. */
    @Test
    void everyLineFitsItsWidth() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            Map<Part, List<Piece>> v = new EnumMap<>(Part.class);
            for (Part p : Part.values()) {
                if (random.nextBoolean()) {
                    v.put(p, List.of(new Piece("x".repeat(1 + random.nextInt(30)), Tone.values()[random.nextInt(5)])));
                }
            }
            int columns = 1 + random.nextInt(120);
            String line = DEFAULT.render(v, new StatuslineLook(OptionalInt.of(columns), random.nextBoolean()));
            String plain = line.replaceAll("\u001b\\[[0-9;]*m", "");
            assertTrue(plain.codePointCount(0, plain.length()) <= columns,
                    "seed " + seed + ": '" + plain + "' is wider than " + columns);
        }
    }
}
