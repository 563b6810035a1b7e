package dev.ccotel.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.app.config.ConfigError;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.app.config.Settings;
import dev.ccotel.app.runtime.Version;
import dev.ccotel.domain.fixtures.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Issue 21, item 6: receiver.http.max-connections, header-timeout and idle-timeout, from config to socket. */
class HttpListenerBoundsTest {
    @TempDir
    Path home;
    @RegisterExtension
    final DaemonFixture fixture = new DaemonFixture(() -> home);

    private DaemonConfig config(Map<String, String> flags) {
        Map<String, String> env = Map.of("HOME", home.toString());
        return DaemonConfig.from(Settings.load(Optional.empty(), env, flags), env, Version.VALUE, "h", true);
    }

    @Test
    void theKeysReachTheListener_andBadValuesStopStartUpNamingTheKey() {
        var http = config(Map.of("receiver.http.max-connections", "32", "receiver.http.header-timeout", "3s",
                "receiver.http.idle-timeout", "90s")).httpReceiver().orElseThrow();
        assertEquals(32, http.maxConnections());
        assertEquals(Duration.ofSeconds(3), http.headerTimeout());
        assertEquals(Duration.ofSeconds(90), http.idleTimeout());

        for (Map.Entry<String, String> bad : Map.of("receiver.http.max-connections", "0",
                "receiver.http.header-timeout", "0s", "receiver.http.idle-timeout", "soon").entrySet()) {
            ConfigError e = assertThrows(ConfigError.class, () -> config(Map.of(bad.getKey(), bad.getValue())));
            assertTrue(e.getMessage().startsWith(bad.getKey()), e.getMessage());
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheConfiguredHeaderTimeout_andExportsStillWork() throws Exception {
        try (DaemonHarness daemon = fixture.start(Map.of("receiver.http.header-timeout", "500ms"));
                Socket silent = new Socket(InetAddress.getLoopbackAddress(), daemon.httpPort());
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            silent.setSoTimeout(30_000); // generous: only so a broken bound fails instead of hanging
            InputStream in = silent.getInputStream();
            boolean closed;
            try {
                closed = in.read() == -1;
            } catch (SocketTimeoutException stillOpen) {
                closed = false;
            } catch (IOException reset) {
                closed = true;
            }
            assertTrue(closed, "a connection that never sends a request is closed");

            HttpResponse<String> export = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + daemon.httpPort() + "/v1/logs"))
                    .header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Fixtures.pbLogs("bash-tool").toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, export.statusCode(), export.body());
        }
    }
}
