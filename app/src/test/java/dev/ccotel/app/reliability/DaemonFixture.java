package dev.ccotel.app.reliability;

import dev.ccotel.app.FakeBackend;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up the in-process reliability tests share, as a JUnit extension: a {@link FakeBackend},
 * daemons started against it in the test's home folder, and all of them closed after each test
 * (daemons newest first, then the backend). Register it on a field:
 * <pre>{@code
 * @TempDir Path home;
 * @RegisterExtension final DaemonFixture fixture = new DaemonFixture(() -> home);
 * }</pre>
 * The home is asked for when a daemon starts, by which time JUnit has made the {@code @TempDir}.
 */
final class DaemonFixture implements AfterEachCallback {
    final FakeBackend backend = new FakeBackend();
    private final Supplier<Path> home;
    private final Deque<DaemonHarness> started = new ArrayDeque<>();

    DaemonFixture(Supplier<Path> home) {
        this.home = home;
    }

    /** A daemon posting to {@link #backend}, with the harness's test defaults and {@code flags} over them. */
    DaemonHarness start(Map<String, String> flags) {
        return start(backend.url(), flags);
    }

    /** A daemon posting to {@code backendUrl} instead (one that is down, say), closed like the others. */
    DaemonHarness start(String backendUrl, Map<String, String> flags) {
        return kept(DaemonHarness.start(home.get(), backendUrl, flags));
    }

    /**
     * A daemon whose clock reads {@code now} as it starts and runs on from there: for what depends on the day
     * (today's cost, the last 30 days), with exports captured on a known day.
     */
    DaemonHarness startAt(java.time.Instant now, Map<String, String> flags) {
        java.time.Clock clock = java.time.Clock.offset(java.time.Clock.systemUTC(),
                java.time.Duration.between(java.time.Instant.now(), now));
        return kept(DaemonHarness.start(home.get(), backend.url(), flags, clock));
    }

    /** {@code --dry-run}: no backend, each request printed as one JSON line on {@code out}. */
    DaemonHarness startDryRun(Map<String, String> flags, PrintStream out) {
        return kept(DaemonHarness.startDryRun(home.get(), flags, out));
    }

    private DaemonHarness kept(DaemonHarness daemon) {
        started.push(daemon);
        return daemon;
    }

    /**
     * Closes every daemon started here, newest first, then the backend. Runs after each test; a test
     * whose own clean-up must come after the daemons (unmounting their disk, say) calls it first.
     * Closing twice is harmless, so a test may also close a daemon itself.
     */
    void stop() {
        try {
            while (!started.isEmpty()) {
                started.pop().close();
            }
        } finally {
            backend.close();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop();
    }
}
