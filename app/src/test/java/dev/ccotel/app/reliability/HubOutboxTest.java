package dev.ccotel.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.adapter.postgres.PostgresExtension;
import dev.ccotel.app.config.HubConfig;
import dev.ccotel.app.config.Settings;
import dev.ccotel.app.compose.HubComposition;
import dev.ccotel.domain.fixtures.Fixtures;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A daemon as users run it (delivery.mode: store) forwarding to a hub from its outbox: what it kept
 * while the hub was away reaches the hub when it is back, once.
 */
@ParameterizedClass
@EnumSource(HubStores.Kind.class)
class HubOutboxTest {
    @RegisterExtension
    static final PostgresExtension PG = HubStores.PG;

    @Parameter
    HubStores.Kind kind;

    @TempDir
    Path home;

    @RegisterExtension
    final DaemonFixture fixture = new DaemonFixture(() -> home);

    @Test
    void storedExports_reachTheHubFromTheOutbox_evenAcrossTheHubsRestart_countedOnce() throws Exception {
        HubStores.Store db = HubStores.create(kind, home);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Map<String, String> flags = new HashMap<>(db.flags());
        flags.put("hub.port", Integer.toString(port));
        Map<String, String> environment = Map.of("HOME", home.toString());
        HubConfig config = HubConfig.from(Settings.load(Optional.empty(), environment, flags), environment);
        String token;
        try (HubComposition.Members members = HubComposition.members(config.database(), Clock.systemUTC())) {
            token = members.add().add("ada").orElseThrow().token();
        }
        HubComposition.Running hub = HubComposition.start(config, Clock.systemUTC());
        DaemonHarness daemon = fixture.start("http://127.0.0.1:" + port,
                Map.of("backend.token", token, "delivery.mode", "store"));
        try {
            daemon.export(Fixtures.pbLogs("write-file"));
            daemon.export(Fixtures.pbMetrics("write-file"));
            long first = waitFor(db, "SELECT COUNT(*) FROM events", n -> n >= 7);

            hub.close(); // the hub goes away; the daemon keeps what it is sent
            daemon.export(Fixtures.pbLogs("bash-tool"));
            daemon.export(Fixtures.pbMetrics("bash-tool"));
            hub = HubComposition.start(config, Clock.systemUTC());

            waitFor(db, "SELECT COUNT(*) FROM sessions", n -> n == 2);
            long all = waitFor(db, "SELECT COUNT(*) FROM events", n -> n > first);
            Thread.sleep(2_000); // anything sent twice would have arrived by now
            assertEquals(all, db.count("SELECT COUNT(*) FROM events"), "each event once");
            assertEquals(2, db.count("SELECT COUNT(*) FROM sessions s JOIN members m ON m.id = s.member_id"
                    + " WHERE m.name = 'ada'"));
        } finally {
            hub.close();
        }
    }

    private static long waitFor(HubStores.Store db, String sql, java.util.function.LongPredicate done) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        long n = db.count(sql);
        while (!done.test(n) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            n = db.count(sql);
        }
        assertTrue(done.test(n), sql + " gave " + n + " after two minutes");
        return n;
    }
}
