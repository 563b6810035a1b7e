package dev.ccotel.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which bin/ccotel Claude Code's statusLine and hook are pointed at. */
class SettledLauncherTest {

    @TempDir
    Path temp;

    private Path executable(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        file.toFile().setExecutable(true);
        return file;
    }

    @Test
    void aBuildTreesLauncher_givesWayToTheServicesCopyOfThisVersion() throws Exception {
        Path root = temp.resolve("dist");
        Path build = executable(temp.resolve("app/target/ccotel-1.0/bin/ccotel"));
        Path copy = executable(root.resolve("1.0/bin/ccotel"));

        assertEquals(copy, DistributionCopy.settledLauncher(build, root, "1.0"));
    }

    @Test
    void withoutACopy_orForAnotherVersion_theLauncherItselfIsUsed() throws Exception {
        Path root = temp.resolve("dist");
        Path build = executable(temp.resolve("app/target/ccotel-1.1/bin/ccotel"));
        executable(root.resolve("1.0/bin/ccotel"));

        assertEquals(build, DistributionCopy.settledLauncher(build, root, "1.1"));
    }

    @Test
    void aLauncherInsideACopy_staysAsItIs() throws Exception {
        Path root = temp.resolve("dist");
        Path copy = executable(root.resolve("0.9/bin/ccotel"));

        assertEquals(copy, DistributionCopy.settledLauncher(copy, root, "1.0"));
    }
}
