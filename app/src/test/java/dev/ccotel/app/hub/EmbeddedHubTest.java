package dev.ccotel.app.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.adapter.postgres.PostgresConfig;
import dev.ccotel.app.cli.Cli;
import dev.ccotel.app.compose.HubComposition;
import dev.ccotel.app.config.ConfigError;
import dev.ccotel.app.config.HubConfig;
import dev.ccotel.app.config.HubDatabase;
import dev.ccotel.app.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-person hub: without {@code hub.database.url} the hub keeps its record in a SQLite file of its
 * own ({@code hub.database.path}), which one hub process holds at a time. (What the hub does with
 * either store is pinned by the parameterized hub tests in {@code reliability}.)
 */
class EmbeddedHubTest {
    @TempDir
    Path home;

    private Map<String, String> environment() {
        return Map.of("HOME", home.toString());
    }

    private HubDatabase database(Map<String, String> flags) {
        return HubConfig.database(Settings.load(Optional.empty(), environment(), flags), environment());
    }

    @Test
    void withoutADatabaseUrl_theHubKeepsAFileOfItsOwn_besideTheDaemonsStore() {
        HubDatabase.SqliteFile file = assertInstanceOf(HubDatabase.SqliteFile.class, database(Map.of()));
        assertEquals(home.resolve(".local/share/ccotel/hub.db"), file.path());
        assertTrue(file.describe().startsWith("SQLite " + file.path()), file.describe());

        Path elsewhere = home.resolve("team/hub.db");
        assertEquals(elsewhere, assertInstanceOf(HubDatabase.SqliteFile.class,
                database(Map.of("hub.database.path", elsewhere.toString()))).path());
    }

    @Test
    void aDatabaseUrl_choosesPostgreSql_andTheStartUpLineShowsItWithoutThePassword() {
        HubDatabase.PostgreSql pg = assertInstanceOf(HubDatabase.PostgreSql.class, database(Map.of(
                "hub.database.url", "jdbc:postgresql://db.example:5432/ccotel?password=s3cret&ssl=true",
                "hub.database.user", "ccotel", "hub.database.password", "other-s3cret")));
        assertEquals("PostgreSQL jdbc:postgresql://db.example:5432/ccotel?password=***&ssl=true as ccotel",
                pg.describe());
        assertFalse(new HubDatabase.PostgreSql(new PostgresConfig("jdbc:postgresql://ccotel:pw@db/ccotel", "", ""))
                .describe().contains("pw"));
    }

    @Test
    void badChoices_stopStartUp_namingTheKeys() {
        ConfigError both = assertThrows(ConfigError.class, () -> database(Map.of(
                "hub.database.url", "jdbc:postgresql://127.0.0.1/ccotel", "hub.database.path", "/tmp/hub.db")));
        assertTrue(both.getMessage().contains("hub.database.url") && both.getMessage().contains("hub.database.path"),
                both.getMessage());

        ConfigError daemons = assertThrows(ConfigError.class, () -> database(Map.of(
                "hub.database.path", home.resolve(".local/share/ccotel/ccotel.db").toString())));
        assertTrue(daemons.getMessage().contains("the daemon's store"), daemons.getMessage());

        ConfigError folder = assertThrows(ConfigError.class, () -> database(Map.of("hub.database.path", home.toString())));
        assertTrue(folder.getMessage().startsWith("hub.database.path " + home + " is a folder"), folder.getMessage());
    }

    @Test
    void aSecondHubOnTheSameFile_isRefused_withExitTwo_namingTheFirst() throws Exception {
        HubConfig config = HubConfig.from(Settings.load(Optional.empty(), environment(), Map.of("hub.port", "0")),
                environment());
        try (HubComposition.Running first = HubComposition.start(config, Clock.systemUTC())) {
            Result second = cli("hub", "--set", "hub.port=0");
            assertEquals(Cli.USAGE, second.code(), second.err());
            assertTrue(second.err().contains("hub.database.path " + home.resolve(".local/share/ccotel/hub.db")
                    + " is in use by another ccotel"), second.err());
            assertTrue(second.err().contains("ccotel hub, HTTP 127.0.0.1:" + first.port()), "names the first: "
                    + second.err());

            Result added = cli("hub", "member", "add", "ada");
            assertEquals(0, added.code(), "members are managed beside the running hub: " + added.err());
            Result listed = cli("hub", "member", "list");
            assertTrue(listed.out().startsWith("ada\t"), listed.out());
        }
        assertTrue(Files.isRegularFile(home.resolve(".local/share/ccotel/hub.db")));
        assertFalse(Files.exists(home.resolve(".local/share/ccotel/ccotel.db")), "the daemon's store is not touched");
    }

    @Test
    void membersOfANewHub_noneListed_andTheListSaysHowToAddOne() {
        Result listed = cli("hub", "member", "list");
        assertEquals(0, listed.code(), listed.err());
        assertEquals("", listed.out(), "the list itself is empty");
        assertTrue(listed.err().contains("'ccotel hub member add NAME'"), listed.err());
    }

    @Test
    void reportOfAHubThatNeverRan_saysNothingIsRecorded() {
        Result report = cli("hub", "report", "members");
        assertEquals(0, report.code(), report.err());
        assertEquals("No usage recorded at the hub for this selection.", report.out().strip());
    }

    record Result(int code, String out, String err) {}

    private Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(all.toArray(String[]::new), environment(), Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
