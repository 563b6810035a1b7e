package dev.ccotel.domain.source.claudecode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ccotel.domain.fixtures.Otlp;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The series key (and so every metric id, which hashes it) does not depend on attribute order, and
 * equals the plain definition: name, then each attribute as key=value sorted by key, stably. Seeded
 * over small lists (the insertion sort) and large ones (the library sort), with repeated keys.
 */
class SeriesKeyTest {
    private static final long BASE_SEED = 20261127L;

    static LongStream seeds() {
        return LongStream.range(0, 300).map(i -> BASE_SEED + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void seriesKey_isTheStableSortedDefinition_andIgnoresOrderOfDistinctKeys(long seed) {
        Random random = new Random(seed);
        int size = random.nextInt(10) == 0 ? 33 + random.nextInt(200) : random.nextInt(16);
        List<KeyValue> attributes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String key = "k" + random.nextInt(Math.max(1, size)); // repeats on purpose
            Object value = switch (random.nextInt(3)) {
                case 0 -> "v" + random.nextInt(1000);
                case 1 -> (long) random.nextInt();
                default -> random.nextDouble();
            };
            attributes.add(KeyValue.newBuilder().setKey(key).setValue(Otlp.value(value)).build());
        }

        String key = MetricReader.seriesKey("claude_code.token.usage", attributes);

        assertEquals(definition("claude_code.token.usage", attributes), key, "seed " + seed);
        List<KeyValue> distinct = new ArrayList<>(attributes.stream()
                .collect(Collectors.toMap(KeyValue::getKey, kv -> kv, (a, b) -> a, LinkedHashMap::new)).values());
        List<KeyValue> shuffled = new ArrayList<>(distinct);
        Collections.shuffle(shuffled, random);
        assertEquals(MetricReader.seriesKey("m", distinct), MetricReader.seriesKey("m", shuffled), "seed " + seed);
    }

    private static String definition(String name, List<KeyValue> attributes) {
        List<KeyValue> sorted = new ArrayList<>(attributes);
        sorted.sort(Comparator.comparing(KeyValue::getKey));
        StringBuilder sb = new StringBuilder(name);
        for (KeyValue kv : sorted) {
            sb.append('\u001f').append(kv.getKey()).append('=').append(AttributeMap.keyText(kv.getValue()));
        }
        return sb.toString();
    }
}
