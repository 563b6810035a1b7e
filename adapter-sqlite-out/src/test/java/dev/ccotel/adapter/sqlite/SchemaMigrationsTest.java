package dev.ccotel.adapter.sqlite;

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
}
