package dev.ccotel.app.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.adapter.postgres.PostgresConfig;
import dev.ccotel.adapter.postgres.PostgresExtension;
import dev.ccotel.app.compose.HubComposition;
import dev.ccotel.app.config.ConfigError;
import dev.ccotel.app.config.HubConfig;
import dev.ccotel.app.config.Settings;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Off loopback the hub speaks TLS, or is told explicitly that a proxy in front does; its body is bounded. */
class HubSafetyTest {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    Path dir;

    @Test
    void nonLoopbackHostWithoutTls_refusesToStart_namingTheKeys() {
        ConfigError e = assertThrows(ConfigError.class, () -> HubConfig.from(settings(Map.of("hub.host", "0.0.0.0"))));
        assertTrue(e.getMessage().contains("hub.tls.certificate") && e.getMessage().contains("hub.allow-plaintext"),
                e.getMessage());

        HubConfig proxied = HubConfig.from(settings(Map.of("hub.host", "0.0.0.0", "hub.allow-plaintext", "true")));
        assertEquals("0.0.0.0", proxied.listener().host());
        assertThrows(ConfigError.class, () -> HubConfig.from(settings(Map.of("hub.tls.certificate", "/x.pem"))),
                "a certificate without its key");
    }

    @Test
    void withACertificate_theHubSpeaksTls() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days",
                "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);

        HubConfig config = HubConfig.from(settings(Map.of("hub.port", "0", "hub.tls.certificate", cert.toString(),
                "hub.tls.private-key", key.toString())));
        try (HubComposition.Running hub = HubComposition.start(config, Clock.systemUTC())) {
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(cert)).connectTimeout(Duration.ofSeconds(10))
                    .build();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + hub.port() + "/healthz")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + hub.port() + "/v1/logs")).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, refused.statusCode());
        }
    }

    @Test
    void aBodyOverTheBound_is413_andNotKept() throws Exception {
        HubConfig config = HubConfig.from(settings(Map.of("hub.port", "0", "hub.max-message-bytes", "1024")));
        try (HubComposition.Running hub = HubComposition.start(config, Clock.systemUTC());
                HubComposition.Members members = HubComposition.members(config.database(), Clock.systemUTC())) {
            String token = members.add().add("ada").orElseThrow().token();
            HttpResponse<String> big = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + hub.port() + "/api/v1/cc/otel")).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "CLI " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[4096])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, big.statusCode(), big.body());
        }
    }

    @Test
    void oneMembersRequestsInFlight_areBounded_with429_andTheOthersGoOn() throws Exception {
        HubConfig config = HubConfig.from(settings(Map.of("hub.port", "0", "hub.max-concurrent-per-member", "1")));
        try (HubComposition.Running hub = HubComposition.start(config, Clock.systemUTC());
                HubComposition.Members members = HubComposition.members(config.database(), Clock.systemUTC())) {
            String ada = members.add().add("ada").orElseThrow().token();
            String bob = members.add().add("bob").orElseThrow().token();
            HttpClient client = HttpClient.newHttpClient();
            try (java.net.Socket slow = new java.net.Socket("127.0.0.1", hub.port())) {
                // ada's first request sends only its head, asking to be told before it sends its body
                // (Expect: 100-continue). The hub says "100 Continue" once the handler reads the body, that is
                // once the request holds her one place; the test waits for those words, not for a time.
                slow.setSoTimeout((int) TimeUnit.MINUTES.toMillis(10)); // only so that a broken hub fails, not hangs
                slow.getOutputStream().write(("POST /api/v1/cc/otel HTTP/1.1\r\nHost: 127.0.0.1:" + hub.port()
                        + "\r\nAuthorization: CLI " + ada + "\r\nContent-Type: application/json\r\n"
                        + "Expect: 100-continue\r\nContent-Length: 1000\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                slow.getOutputStream().flush();
                java.io.BufferedReader answer = new java.io.BufferedReader(new java.io.InputStreamReader(
                        slow.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
                String status = answer.readLine();
                assertTrue(status != null && status.contains(" 100 "), "the hub reads the body: " + status);
                HttpResponse<String> second = eventually(() -> contract(client, hub.port(), ada), r -> r.statusCode() == 429);
                assertTrue(second.body().contains("1 request at once") && second.body()
                        .contains("hub.max-concurrent-per-member"), "the answer names the bound: " + second.body());
                assertEquals(400, contract(client, hub.port(), bob).statusCode(), "bob is not held up (his body is bad)");
            }
            HttpResponse<String> again = eventually(() -> contract(client, hub.port(), ada), r -> r.statusCode() != 429);
            assertEquals(400, again.statusCode(), "ada's place is free again once her first request ended");
        }
    }

    /**
     * Asks until the answer is the one awaited: the bound (ten minutes) is only there so that a broken hub
     * fails the test instead of hanging it, not a deadline a slow machine must meet.
     */
    private static HttpResponse<String> eventually(java.util.concurrent.Callable<HttpResponse<String>> ask,
            java.util.function.Predicate<HttpResponse<String>> awaited) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        HttpResponse<String> last = ask.call();
        while (!awaited.test(last)) {
            assertTrue(System.nanoTime() < giveUp, "never the awaited answer; the last was " + last.statusCode() + " "
                    + last.body());
            Thread.sleep(50);
            last = ask.call();
        }
        return last;
    }

    @Test
    void oneMembersRequestsASecond_areBounded_with429() throws Exception {
        HubConfig config = HubConfig.from(settings(Map.of("hub.port", "0", "hub.max-requests-per-second", "1")));
        try (HubComposition.Running hub = HubComposition.start(config, Clock.systemUTC());
                HubComposition.Members members = HubComposition.members(config.database(), Clock.systemUTC())) {
            String ada = members.add().add("ada").orElseThrow().token();
            String bob = members.add().add("bob").orElseThrow().token();
            HttpClient client = HttpClient.newHttpClient();
            // One a second with a burst of two: requests in a row are refused once the burst is spent, however
            // long each takes, unless each took over a second; so the test asks until refused, without a count.
            HttpResponse<String> refused = eventually(() -> contract(client, hub.port(), ada), r -> r.statusCode() == 429);
            assertTrue(refused.body().contains("1 request a second") && refused.body()
                    .contains("hub.max-requests-per-second"), "the answer names the bound: " + refused.body());
            assertEquals(400, contract(client, hub.port(), bob).statusCode(), "bob has his own share (his body is bad)");
        }
    }

    private static HttpResponse<String> contract(HttpClient client, int port, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/cc/otel"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "CLI " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private PostgresConfig db;

    private Settings settings(Map<String, String> more) {
        if (db == null) {
            db = PG.newDatabase();
        }
        Map<String, String> flags = new HashMap<>(Map.of("hub.database.url", db.url(), "hub.database.user", db.user()));
        flags.putAll(more);
        return Settings.load(Optional.empty(), Map.of("HOME", dir.toString()), flags);
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("hub", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
