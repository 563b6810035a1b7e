package dev.ccotel.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.ccotel.app.FakeBackend;
import dev.ccotel.domain.fixtures.Fixtures;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged daemon posts to an {@code https://} backend: a JDK HTTPS server on 127.0.0.1 with a
 * self-signed certificate made by {@code keytool} for this run. Trusted through the JVM's standard
 * {@code javax.net.ssl.trustStore} (what a user with a private CA does), the export arrives with its
 * token; not trusted, nothing is sent, the log names the certificate problem, and the token never
 * shows.
 */
class TlsBackendIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "changeit";

    @TempDir
    Path home;

    private HttpsServer backend;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private Path trustStore;
    private PackagedDaemon daemon;

    @BeforeEach
    void startHttpsBackend() throws Exception {
        Path keyStore = home.resolve("backend.p12");
        Path certificate = home.resolve("backend.cer");
        trustStore = home.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "backend", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "backend", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "backend", "-file", certificate.toString(), "-keystore",
                trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);

        backend = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.setHttpsConfigurator(new HttpsConfigurator(tls));
        backend.createContext("/", exchange -> {
            try (exchange) {
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] answer = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        backend.start();
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.process().destroyForcibly();
        }
        backend.stop(0);
    }

    @Test
    void trustedCertificate_exportArrivesOverTls_withTheToken() throws Exception {
        daemon = startDaemon(List.of("-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStorePassword=" + PASSWORD, "-Djavax.net.ssl.trustStoreType=PKCS12"));

        export();

        // The export is answered once it is in the store; the outbox forwards it right after.
        assertTrue(FakeBackend.await(Duration.ofSeconds(30), () -> bodies.size() >= 1), daemon.err().toString());
        assertEquals(1, bodies.size(), daemon.err().toString());
        JsonNode request = JSON.readTree(bodies.get(0));
        assertEquals(8, request.get("events").size(), bodies.get(0));
        assertEquals("CLI " + DaemonHarness.TOKEN, authorizations.get(0));
        assertFalse(daemon.err().toString().contains(DaemonHarness.TOKEN), daemon.err().toString());
    }

    @Test
    void untrustedCertificate_nothingIsSent_theLogSaysWhy_andTheExportWaitsInTheStore() throws Exception {
        daemon = startDaemon(List.of());

        export(); // answered OK: the store holds it until the backend can be reached

        assertTrue(FakeBackend.await(Duration.ofSeconds(30),
                () -> daemon.err().toString().contains("waits in the local store")), daemon.err().toString());
        String log = daemon.err().toString();
        assertEquals(List.of(), bodies);
        assertTrue(log.contains("SSL handshake") && log.contains("certification path"), log);
        assertFalse(log.contains(DaemonHarness.TOKEN), log);
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + home.resolve("ccotel.db"));
                var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM outbox")) {
            assertEquals(1, rs.getLong(1), "the export waits in the outbox");
        }
    }

    private PackagedDaemon startDaemon(List<String> jvmOptions) throws IOException {
        return PackagedDaemon.start(home, jvmOptions, "https://localhost:" + backend.getAddress().getPort(),
                Map.of("delivery.retry-budget", "1s"));
    }

    private void export() throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", daemon.port()).usePlaintext().build();
        try {
            LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .export(Fixtures.pbLogs("text-reply"));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool " + String.join(" ", args) + ": " + out);
    }
}
