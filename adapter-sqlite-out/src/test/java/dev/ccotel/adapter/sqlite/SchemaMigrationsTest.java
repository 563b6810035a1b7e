package dev.ccotel.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The migrations are found by their number: one file per version, none missing and none past this build's. */
class SchemaMigrationsTest {
    @Test
    void everyVersionUpToTheLatestHasItsFile_andNoneBeyond() throws Exception {
        for (int version = 1; version <= SchemaMigrations.LATEST; version++) {
            assertTrue(SchemaMigrations.script(version).contains(";"), "schema-" + version + ".sql holds statements");
        }
        assertNull(SchemaMigrations.class.getResource("schema-" + (SchemaMigrations.LATEST + 1) + ".sql"),
                "a schema file past LATEST: raise SchemaMigrations.LATEST with it");
    }

    /** A trigger's body holds statements of its own: the trigger is one statement, up to its END. */
    @Test
    void aTriggerIsOneStatement_uptoItsEnd_andCommentsAreNoStatements() {
        String script = """
                -- a comment; with a semicolon
                CREATE TABLE t (a INTEGER);
                CREATE TRIGGER t_into_u AFTER INSERT ON t BEGIN
                    INSERT INTO u VALUES (NEW.a);
                    DELETE FROM u WHERE a < 0;
                END;
                CREATE INDEX t_by_a
                    ON t (a);
                """;

        assertEquals(java.util.List.of("CREATE TABLE t (a INTEGER)",
                "CREATE TRIGGER t_into_u AFTER INSERT ON t BEGIN\n    INSERT INTO u VALUES (NEW.a);\n"
                        + "    DELETE FROM u WHERE a < 0;\nEND",
                "CREATE INDEX t_by_a\n    ON t (a)"), SchemaMigrations.statements(script));
    }
}
