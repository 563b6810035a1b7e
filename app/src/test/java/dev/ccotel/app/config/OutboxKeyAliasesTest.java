package dev.ccotel.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.adapter.sqlite.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox's bounds are {@code delivery.outbox.*}; the {@code delivery.spool.*} names they had
 * before still work, in the file, the environment and on the command line, and the new name wins
 * where both are given.
 */
class OutboxKeyAliasesTest {
    @TempDir
    Path home;

    private StoreConfig store(Optional<Path> file, Map<String, String> moreEnvironment, Map<String, String> flags) {
        Map<String, String> environment = new HashMap<>(moreEnvironment);
        environment.put("HOME", home.toString());
        DaemonConfig config = DaemonConfig.from(Settings.load(file, environment, flags), environment, "test", "host",
                false);
        return ((Delivery.Stored) config.delivery()).store();
    }

    private Path file(String yaml) throws Exception {
        return Files.writeString(home.resolve("config.yaml"), yaml);
    }

    @Test
    void theNewKeysAreTheNames_theOldOnesAreNotListed() {
        assertTrue(ConfigKeys.DEFAULTS.containsKey("delivery.outbox.max-bytes"));
        assertTrue(ConfigKeys.DEFAULTS.containsKey("delivery.outbox.max-age"));
        assertFalse(ConfigKeys.DEFAULTS.containsKey("delivery.spool.max-bytes"));
        assertFalse(ConfigKeys.DEFAULTS.containsKey("delivery.spool.max-age"));
    }

    @Test
    void theOldKeysStillWork_inTheFileTheEnvironmentAndOnTheCommandLine() throws Exception {
        StoreConfig fromFile = store(Optional.of(file("delivery:\n  spool:\n    max-bytes: 1MiB\n    max-age: 2d\n")),
                Map.of(), Map.of());
        assertEquals(1024 * 1024, fromFile.outboxMaxBytes());
        assertEquals(Duration.ofDays(2), fromFile.outboxMaxAge());

        StoreConfig fromEnvironment = store(Optional.empty(), Map.of("CCOTEL_DELIVERY_SPOOL_MAX_BYTES", "2MiB",
                "CCOTEL_DELIVERY_SPOOL_MAX_AGE", "3d"), Map.of());
        assertEquals(2 * 1024 * 1024, fromEnvironment.outboxMaxBytes());
        assertEquals(Duration.ofDays(3), fromEnvironment.outboxMaxAge());

        StoreConfig fromFlags = store(Optional.empty(), Map.of(), Map.of("delivery.spool.max-bytes", "3MiB",
                "delivery.spool.max-age", "4d"));
        assertEquals(3 * 1024 * 1024, fromFlags.outboxMaxBytes());
        assertEquals(Duration.ofDays(4), fromFlags.outboxMaxAge());

        assertTrue(EnvironmentCheck.unknownVariables(Map.of("CCOTEL_DELIVERY_SPOOL_MAX_BYTES", "2MiB")).isEmpty(),
                "an old name in the environment is not warned about as unknown");
    }

    @Test
    void theNewKeysWork_andWinOverTheOldOnesInTheSamePlace() throws Exception {
        StoreConfig newOnly = store(Optional.of(file("delivery:\n  outbox:\n    max-bytes: 1MiB\n    max-age: 2d\n")),
                Map.of(), Map.of());
        assertEquals(1024 * 1024, newOnly.outboxMaxBytes());
        assertEquals(Duration.ofDays(2), newOnly.outboxMaxAge());

        StoreConfig both = store(Optional.of(file("delivery:\n  spool:\n    max-bytes: 1MiB\n    max-age: 2d\n"
                + "  outbox:\n    max-bytes: 5MiB\n    max-age: 6d\n")), Map.of(), Map.of());
        assertEquals(5 * 1024 * 1024, both.outboxMaxBytes());
        assertEquals(Duration.ofDays(6), both.outboxMaxAge());

        StoreConfig bothInTheEnvironment = store(Optional.empty(), Map.of("CCOTEL_DELIVERY_SPOOL_MAX_AGE", "3d",
                "CCOTEL_DELIVERY_OUTBOX_MAX_AGE", "8d"), Map.of());
        assertEquals(Duration.ofDays(8), bothInTheEnvironment.outboxMaxAge());

        StoreConfig bothOnTheCommandLine = store(Optional.empty(), Map.of(), Map.of("delivery.spool.max-age", "4d",
                "delivery.outbox.max-age", "9d"));
        assertEquals(Duration.ofDays(9), bothOnTheCommandLine.outboxMaxAge());
    }

    @Test
    void aStrongerSourceWins_whicheverNameEachUses() throws Exception {
        StoreConfig flagOverFile = store(Optional.of(file("delivery:\n  outbox:\n    max-age: 2d\n")), Map.of(),
                Map.of("delivery.spool.max-age", "4d"));
        assertEquals(Duration.ofDays(4), flagOverFile.outboxMaxAge());
    }

    @Test
    void aRefusedValueUnderTheOldName_namesBothNames() throws Exception {
        ConfigError e = assertThrows(ConfigError.class,
                () -> store(Optional.of(file("delivery:\n  spool:\n    max-bytes: 10\n")), Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("delivery.outbox.max-bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("delivery.spool.max-bytes"), e.getMessage());

        Settings settings = Settings.load(Optional.of(file("delivery:\n  spool:\n    max-age: 2d\n")),
                Map.of("HOME", home.toString()), Map.of());
        assertEquals(Optional.of("delivery.spool.max-age"), settings.writtenAs("delivery.outbox.max-age"));
        assertEquals(Settings.Origin.FILE, settings.origin("delivery.outbox.max-age"));
    }

    @Test
    void aTypoOfEitherName_suggestsTheNewOne() throws Exception {
        ConfigError old = assertThrows(ConfigError.class, () -> Settings.load(Optional.empty(),
                Map.of("HOME", home.toString()), Map.of("delivery.spool.max-byte", "1MiB")));
        assertTrue(old.getMessage().contains("did you mean delivery.outbox.max-bytes?"), old.getMessage());
        ConfigError fresh = assertThrows(ConfigError.class, () -> Settings.load(Optional.of(
                file("delivery:\n  outbox:\n    max-ages: 2d\n")), Map.of("HOME", home.toString()), Map.of()));
        assertTrue(fresh.getMessage().contains("did you mean delivery.outbox.max-age for delivery.outbox.max-ages"),
                fresh.getMessage());
    }
}
