package dev.ccotel.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.app.FakeBackend;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on a real, small tmpfs that fills up, backend down: exports the store cannot take are
 * answered UNAVAILABLE (and the log says why, a few times, not once per export), every export
 * answered OK is kept and reaches the backend once it is back, nothing is left behind, and once
 * there is room again the daemon takes exports as before. Needs {@code mount} (root); where that
 * is refused the test is skipped and says why.
 */
class DiskFullTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final DaemonFixture fixture = new DaemonFixture(() -> dir);
    private final FakeBackend backend = fixture.backend;
    private DaemonHarness daemon;
    private Path mountPoint;

    @AfterEach
    void stop() throws Exception {
        fixture.stop(); // the daemon lets go of the small disk before it is unmounted
        if (mountPoint != null) {
            run("umount", mountPoint.toString());
        }
    }

    @Test
    void storeOnAFullDisk_refusesWhatItCannotKeep_keepsAndDeliversEverythingAnsweredOk() throws Exception {
        mountPoint = Files.createDirectories(dir.resolve("small"));
        int mounted = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint.toString());
        if (mounted != 0) {
            mountPoint = null;
        }
        Assumptions.assumeTrue(mounted == 0, "skipped: cannot mount a tmpfs here (needs root and mount);"
                + " the same behaviour is shown on a size-limited database by SqliteStoreTest");
        backend.down();
        daemon = fixture.start(Map.of("delivery.mode", "store",
                "store.path", mountPoint.resolve("ccotel.db").toString()));
        ClaudeCodeShapes shapes = new ClaudeCodeShapes();
        ClaudeCodeShapes.Oracle oracle = new ClaudeCodeShapes.Oracle();
        List<String> accepted = new ArrayList<>();
        int unavailable = 0;
        for (int i = 0; i < 5_000 && unavailable < 20; i++) {
            String session = String.format("d15cf011-0000-4000-8000-%012d", i);
            ExportLogsServiceRequest logs = shapes.turn(session, 0.001);
            try {
                daemon.export(logs);
                oracle.sent(logs);
                accepted.add(session);
            } catch (StatusRuntimeException e) {
                assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
                assertTrue(e.getStatus().getDescription().contains("full"), e.getStatus().getDescription());
                unavailable++;
            }
        }
        assertTrue(unavailable > 0, "the disk filled up after " + accepted.size() + " exports");
        long warnings = daemon.log.text().lines().filter(l -> l.contains("cannot write")).count();
        assertTrue(warnings <= 3, "the full disk was logged " + warnings + " times for " + unavailable + " refusals");

        run("mount", "-o", "remount,size=16m", mountPoint.toString()); // room again
        backend.up();
        assertTrue(FakeBackend.await(Duration.ofSeconds(120),
                () -> backend.acceptedEventIds().containsAll(oracle.eventIds)),
                "delivered " + backend.acceptedEventIds().size() + " of " + oracle.eventIds.size() + " events");
        daemon.export(shapes.turn("d15cf011-0000-4000-8000-999999999999", 0.001)); // takes exports again
        try (var files = Files.list(mountPoint)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(names.stream().allMatch(n -> n.startsWith("ccotel.db")), "nothing else left: " + names);
        }
        System.out.printf("[reliability] store on a 1 MiB tmpfs, backend down: %d exports kept and answered OK,"
                + " then %d UNAVAILABLE (%d warning line(s)); all %d events delivered once the backend was back%n",
                accepted.size(), unavailable, warnings, oracle.eventIds.size());
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
