package dev.ccotel.domain.source.claudecode;

import static dev.ccotel.domain.fixtures.Otlp.attrs;
import static dev.ccotel.domain.fixtures.Otlp.claudeCode;
import static dev.ccotel.domain.fixtures.Otlp.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ccotel.domain.ContentKind;
import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.SessionLedger;
import dev.ccotel.domain.fixtures.Otlp;
import dev.ccotel.domain.model.Event;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An event ccotel does not know, with attributes it does not know: whatever their names and lengths,
 * a string longer than the bound never passes (it is withheld and only its length is said), a
 * shorter one and an id always do. Seeded, the seed in the test's name; with every kind but
 * {@link ContentKind#UNLISTED_TEXT} kept, so that only the bound decides.
 */
class UnlistedTextTest {
    private static final long BASE_SEED = 20261207L;
    private static final int BOUND = ContentPolicy.UNLISTED_TEXT_BOUND;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC);
    private static final List<String> ID_SUFFIXES = List.of("_id", ".id", "_uuid", "_length", "_size_bytes");

    static LongStream seeds() {
        return LongStream.range(0, 200).map(i -> BASE_SEED + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void unknownEvent_longUnlistedStringsNeverPass_shortOnesAndIdsDo(long seed) {
        Random random = new Random(seed);
        Map<String, String> sent = new LinkedHashMap<>();
        int count = 1 + random.nextInt(12);
        for (int i = 0; i < count; i++) {
            boolean id = random.nextInt(4) == 0;
            String key = "x" + i + "_w" + word(random, 1 + random.nextInt(8))
                    + (id ? ID_SUFFIXES.get(random.nextInt(ID_SUFFIXES.size())) : "");
            int length = length(random);
            sent.put(key, text(random, length, length > BOUND && !id));
        }
        Set<ContentKind> allButUnlisted = EnumSet.complementOf(EnumSet.of(ContentKind.UNLISTED_TEXT));
        OtlpMapper mapper = new OtlpMapper(SessionLedger.forReplay(CLOCK), new MappingOptions("h", allButUnlisted));
        Map<String, Object> recorded = new LinkedHashMap<>(sent);
        recorded.put("session.id", "s");
        recorded.put("event.name", "future_event_" + word(random, 6));

        Event e = mapper.map(Otlp.logs(claudeCode(), List.of(event(1_000_000_000L, attrs(recorded)))))
                .requests().get(0).events().get(0);

        Map<String, Long> withheld = new LinkedHashMap<>();
        sent.forEach((key, value) -> {
            boolean listedAsId = ID_SUFFIXES.stream().anyMatch(key::endsWith);
            if (value.length() > BOUND && !listedAsId) {
                assertFalse(e.attributes().containsKey(key), key + " (" + value.length() + " chars) passed");
                withheld.put(key, (long) value.length());
            } else {
                assertEquals(value, e.attributes().get(key), key + " (" + value.length() + " chars)");
            }
        });
        assertEquals(withheld.isEmpty() ? null : withheld, e.attributes().get(Event.WITHHELD));
        assertFalse(e.toString().contains("<content>"), "no withheld text anywhere in the event");
    }

    /** Around the bound more often than not: that is where a mistake would sit. */
    private static int length(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(BOUND + 1);
            case 1 -> BOUND - 2 + random.nextInt(5);
            case 2 -> BOUND + 1 + random.nextInt(70_000);
            default -> random.nextInt(2 * BOUND);
        };
    }

    /** Text that, when it must be withheld, marks itself, so that a leak of any part of it is found in the event's text. */
    private static String text(Random random, int length, boolean marked) {
        String marker = "<content>";
        StringBuilder b = new StringBuilder(length);
        while (b.length() < length) {
            b.append(marked && random.nextInt(3) == 0 ? marker : word(random, 1 + random.nextInt(9)) + " ");
        }
        b.setLength(length);
        return marked ? marker + b.substring(marker.length()) : b.toString();
    }

    private static String word(Random random, int letters) {
        StringBuilder b = new StringBuilder(letters);
        for (int i = 0; i < letters; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }
}
