package dev.ccotel.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.LibraryLoaderUtil;

class NativeLibraryCopyTest {
    @TempDir
    Path cache;

    /** The properties are the JVM's: the other tests of this fork must not load a library from a folder that is gone. */
    @AfterEach
    void forget() {
        System.clearProperty(NativeLibraryCopy.PATH_PROPERTY);
        System.clearProperty(NativeLibraryCopy.NAME_PROPERTY);
    }

    @Test
    void theJarsLibraryIsCopiedOnce_intoAFolderPerVersionAndPlatform_andSqliteJdbcIsToldToLoadIt() throws Exception {
        Path folder = NativeLibraryCopy.keepIn(cache).orElseThrow();

        Path library = folder.resolve(LibraryLoaderUtil.getNativeLibName());
        assertTrue(folder.startsWith(cache.resolve("sqlite-jdbc-" + org.sqlite.SQLiteJDBCLoader.getVersion())), folder::toString);
        assertArrayEquals(resource(), Files.readAllBytes(library));
        assertEquals(folder.toString(), System.getProperty(NativeLibraryCopy.PATH_PROPERTY));
        assertEquals(LibraryLoaderUtil.getNativeLibName(), System.getProperty(NativeLibraryCopy.NAME_PROPERTY));
        try (var left = Files.list(folder)) {
            assertEquals(1, left.count(), "no partial copy left beside it");
        }

        forget();
        long written = Files.getLastModifiedTime(library).toMillis();
        Files.setLastModifiedTime(library, java.nio.file.attribute.FileTime.fromMillis(written - 60_000));
        assertEquals(Optional.of(folder), NativeLibraryCopy.keepIn(cache));
        assertEquals(written - 60_000, Files.getLastModifiedTime(library).toMillis(), "a copy made before is used as it is");

        // sqlite-jdbc loads it from there: a store opens (this fork may have loaded the library before; the
        // launcher's packaged test checks that no copy reaches the temporary folder)
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:")) {
            assertTrue(c.isValid(5));
        }
    }

    @Test
    void aChoiceMadeWithTheProperties_isLeftAlone() {
        System.setProperty(NativeLibraryCopy.PATH_PROPERTY, "/opt/somewhere");

        assertEquals(Optional.empty(), NativeLibraryCopy.keepIn(cache));
        assertEquals("/opt/somewhere", System.getProperty(NativeLibraryCopy.PATH_PROPERTY));
        assertTrue(cache.toFile().list().length == 0, "nothing copied");
    }

    @Test
    void aCacheThatCannotBeWritten_leavesSqliteJdbcToItsOwnWay() throws IOException {
        Path notAFolder = Files.writeString(cache.resolve("file"), "x");

        assertEquals(Optional.empty(), NativeLibraryCopy.keepIn(notAFolder));
        assertEquals(null, System.getProperty(NativeLibraryCopy.PATH_PROPERTY));
    }

    private static byte[] resource() throws IOException {
        try (InputStream in = org.sqlite.SQLiteJDBCLoader.class.getResourceAsStream(
                LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName())) {
            return in.readAllBytes();
        }
    }
}
