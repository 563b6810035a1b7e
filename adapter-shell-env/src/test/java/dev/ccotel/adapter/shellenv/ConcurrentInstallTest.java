package dev.ccotel.adapter.shellenv;

import static dev.ccotel.adapter.shellenv.TempHome.read;
import static dev.ccotel.adapter.shellenv.TempHome.telemetry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.ports.model.ShellChange;
import dev.ccotel.ports.model.ShellKind;
import dev.ccotel.ports.out.ShellProfilePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs at the same time, from threads and from separate processes, never corrupt the file: every write is
 * whole, none overlaps another (checked by {@link OverlapProbe}), and the result is a valid install.
 */
class ConcurrentInstallTest {

    private static final String ORIGINAL = "# user's own\r\nexport PATH=/x:$PATH\r\nalias \u00e9=1";

    @TempDir
    Path temp;

    private String installed(int port) {
        var plan = BlockEditor.planInstall(Optional.of(ORIGINAL), BlockRenderer.lines(ShellKind.BASH, telemetry(port)));
        return ((FilePlan.Write) plan).text();
    }

    @Test
    void threadsInstallingAtOnce_leaveExactlyOneInstall() throws Exception {
        TempHome home = new TempHome(temp);
        Path bashrc = home.write("home/.bashrc", ORIGINAL);
        ShellProfilePort port = home.port(new OverlapProbe(temp.resolve("inside")));

        List<ShellChange> changes = runTogether(8, 30, round -> port.writeBlock(ShellKind.BASH, telemetry(4317), false));

        assertTrue(changes.stream().noneMatch(ShellChange.Failed.class::isInstance), changes.toString());
        assertEquals(1, changes.stream().filter(ShellChange.Changed.class::isInstance).count(),
                "the file was read under the lock, so only the first install had something to do");
        assertEquals(installed(4317), read(bashrc));
    }

    @Test
    void threadsInstallingAndUninstalling_leaveEitherTheOriginalOrOneInstall() throws Exception {
        TempHome home = new TempHome(temp);
        Path bashrc = home.write("home/.bashrc", ORIGINAL);
        ShellProfilePort port = home.port(new OverlapProbe(temp.resolve("inside")));

        List<ShellChange> changes = runTogether(6, 30, round -> round % 3 == 0
                ? port.removeBlock(ShellKind.BASH, false)
                : port.writeBlock(ShellKind.BASH, telemetry(4317 + round % 2), false));

        assertTrue(changes.stream().noneMatch(ShellChange.Failed.class::isInstance), changes.toString());
        assertTrue(Set.of(ORIGINAL, installed(4317), installed(4318)).contains(read(bashrc)), read(bashrc));
    }

    @Test
    void processesInstallingAtOnce_areSerialisedByTheFileLock() throws Exception {
        TempHome home = new TempHome(temp);
        Path bashrc = home.write("home/.bashrc", ORIGINAL);
        Path sentinel = temp.resolve("inside");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                    ConcurrentInstallMain.class.getName(), home.home.toString(), sentinel.toString(), "40")
                    .redirectErrorStream(true).start());
        }
        ShellProfilePort port = home.port(new OverlapProbe(sentinel));
        List<ShellChange> mine = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            mine.addAll(port.writeBlock(ShellKind.BASH, telemetry(4317), false));
        }
        for (Process process : processes) {
            assertTrue(process.waitFor(2, TimeUnit.MINUTES), "child process hung");
            String output = new String(process.getInputStream().readAllBytes());
            assertEquals(0, process.exitValue(), output);
        }

        assertTrue(mine.stream().noneMatch(ShellChange.Failed.class::isInstance), mine.toString());
        assertTrue(Set.of(ORIGINAL, installed(4317), installed(4318)).contains(read(bashrc)), read(bashrc));
        try (var files = Files.list(home.home)) {
            assertEquals(List.of(".bashrc", ".local"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file is left");
        }
        Path lock = new FileLocks(new ShellLocations(home.environment())).lockFileOf(bashrc);
        try (var locks = Files.list(lock.getParent())) {
            assertEquals(List.of(lock), locks.toList(), "all three processes locked the same file");
        }
    }

    private interface Round {
        List<ShellChange> run(int round) throws Exception;
    }

    private static List<ShellChange> runTogether(int threads, int rounds, Round round) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<ShellChange>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<ShellChange> changes = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        changes.addAll(round.run(r));
                    }
                    return changes;
                }));
            }
            start.countDown();
            List<ShellChange> all = new ArrayList<>();
            for (Future<List<ShellChange>> future : futures) {
                all.addAll(future.get(2, TimeUnit.MINUTES));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
