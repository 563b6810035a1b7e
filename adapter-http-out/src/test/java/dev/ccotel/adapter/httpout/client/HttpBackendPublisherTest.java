package dev.ccotel.adapter.httpout.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.adapter.httpout.Requests;
import dev.ccotel.adapter.httpout.client.FakeBackend.Reply;
import dev.ccotel.adapter.httpout.wire.BackendJson;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.ports.out.EncodedRequest;
import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.out.PublishOutcome.Accepted;
import dev.ccotel.ports.out.PublishOutcome.Rejected;
import dev.ccotel.ports.out.PublishOutcome.RetryLater;
import dev.ccotel.ports.out.PublishOutcome.TokenRefused;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpBackendPublisherTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final SessionUpdate REQUEST = Requests.everyField();

    private FakeBackend backend;

    @BeforeEach
    void startBackend() throws Exception {
        backend = new FakeBackend();
    }

    @AfterEach
    void stopBackend() {
        backend.close();
    }

    @ParameterizedTest(name = "backendAnswers{0}_outcomeIs{1}")
    @CsvSource({
        "200, Accepted", "201, Accepted", "204, Accepted",
        "400, Rejected", "401, TokenRefused", "403, TokenRefused", "404, Rejected", "413, Rejected", "422, Rejected",
        "408, RetryLater", "429, RetryLater", "500, RetryLater", "502, RetryLater", "503, RetryLater",
        "504, RetryLater"})
    void statusTable(int status, String expected) {
        backend.answer(status); // 200 and 201 with the contract's answer; an empty 200: see below

        PublishOutcome outcome = publish(REQUEST);
        assertEquals(expected, outcome.getClass().getSimpleName(), outcome::toString);
        if (outcome instanceof Rejected rejected) {
            assertEquals(REQUEST.itemCount(), rejected.count());
            assertTrue(rejected.message().contains(String.valueOf(status)), rejected.message());
        }
        if (outcome instanceof RetryLater later) {
            assertTrue(later.reason().contains(String.valueOf(status)), later.reason());
        }
    }

    @Test
    void everyPost_carriesTokenJsonContentTypeAndUserAgent_toTheApiPath() {
        assertInstanceOf(Accepted.class, publish(REQUEST));
        FakeBackend.Received r = backend.received().getFirst();
        assertEquals("POST", r.method());
        assertEquals("/api/v1/cc/otel", r.path());
        assertEquals("CLI " + TestConfigs.TOKEN, r.headers().getFirst("Authorization"));
        assertEquals("application/json", r.headers().getFirst("Content-Type"));
        assertEquals("ccotel/1.2.3", r.headers().getFirst("User-Agent"));
        assertArrayEquals(BackendJson.toJson(REQUEST), r.body());
    }

    @ParameterizedTest(name = "baseUrlSuffix ''{0}'' posts to {1}")
    @CsvSource({"'', /api/v1/cc/otel", "/, /api/v1/cc/otel", "/prefix, /prefix/api/v1/cc/otel",
        "/prefix/, /prefix/api/v1/cc/otel", "/api/v1/cc/otel, /api/v1/cc/otel"})
    void baseUrlWithOrWithoutSlashOrPrefix_postsToTheApiPathBelowIt(String suffix, String expectedPath) {
        try (HttpBackendPublisher publisher = publisher(TestConfigs.forUrl(backend.url() + suffix))) {
            assertInstanceOf(Accepted.class, publisher.publish(BackendJson.encode(REQUEST)));
        }
        assertEquals(expectedPath, backend.received().getFirst().path());
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void backendRefusesToken_messageSaysSoWithoutShowingTheToken(int status) {
        backend.answer(r -> Reply.of(status, "bad token " + TestConfigs.TOKEN));
        TokenRefused refused = assertInstanceOf(TokenRefused.class, publish(REQUEST));
        assertTrue(refused.message().contains("refused the token"), refused.message());
        assertFalse(refused.message().contains(TestConfigs.TOKEN), refused.message());
    }

    @Test
    void backendAnswers400WithHugeBody_messageKeepsOnlyAKilobyteOfIt() {
        backend.answer(r -> Reply.of(400, "x".repeat(100_000)));
        Rejected rejected = assertInstanceOf(Rejected.class, publish(REQUEST));
        assertTrue(rejected.message().contains("xxxx"));
        assertTrue(rejected.message().length() < HttpBackendPublisher.MAX_ERROR_BODY + 200, rejected.message());
    }

    @ParameterizedTest(name = "{0} with Retry-After {1}")
    @CsvSource({"429, 7, 7", "503, 120, 120", "503, 'Sun, 01 Mar 2026 10:00:30 GMT', 30",
        "503, 'Sun, 01 Mar 2026 09:00:00 GMT', 0"})
    void backendAnswersRetryAfter_outcomeCarriesTheDelay(int status, String header, long seconds) {
        backend.answer(r -> new Reply(status, "", Map.of("Retry-After", header)));
        RetryLater later = assertInstanceOf(RetryLater.class, publish(REQUEST));
        assertEquals(Optional.of(Duration.ofSeconds(seconds)), later.after());
    }

    @Test
    void retryAfterThatIsNotANumberOrDate_isIgnored() {
        backend.answer(r -> new Reply(503, "", Map.of("Retry-After", "soon")));
        assertEquals(Optional.empty(), assertInstanceOf(RetryLater.class, publish(REQUEST)).after());
    }

    @Test
    void backendAnswers200ButSuccessFalse_isRefusedData_notDelivered() {
        backend.answer(r -> Reply.of(200, "{\"success\":false,\"message\":\"quota exceeded\"}"));
        Rejected rejected = assertInstanceOf(Rejected.class, publish(REQUEST));
        assertTrue(rejected.message().contains("success=false: quota exceeded"), rejected.message());
        assertEquals(REQUEST.itemCount(), rejected.count());
    }

    @Test
    void backendAnswers200WithSuccessTrue_isAccepted() {
        backend.answer(r -> Reply.of(200, "{\"success\":true,\"eventsProcessed\":2}"));
        assertInstanceOf(Accepted.class, publish(REQUEST));
    }

    /** A captive portal's page or a wrong backend.url: 181 requests once left the outbox this way. */
    @ParameterizedTest
    @ValueSource(strings = {"<html>ok</html>", "", "{}", "{\"ok\":true}", "[1]", "{\"success\":\"yes\"}x"})
    void backendAnswers200WithoutTheContractsAnswer_isRetriedLater_andSaysWhatCame(String body) {
        backend.answer(r -> Reply.of(200, body));
        RetryLater later = assertInstanceOf(RetryLater.class, publish(REQUEST));
        assertTrue(later.reason().contains("without the contract's answer"), later.reason());
        assertTrue(later.reason().contains(body.isEmpty() ? "(empty)" : body.substring(0, Math.min(5, body.length()))),
                later.reason());
    }

    @Test
    void backendAnswersRedirect_isNotFollowedAndOutcomeIsRetryLater() {
        backend.answer(r -> new Reply(301, "", Map.of("Location", "http://127.0.0.1:1/elsewhere")));
        assertInstanceOf(RetryLater.class, publish(REQUEST));
        assertEquals(1, backend.received().size());
    }

    @Test
    void connectionRefused_outcomeIsRetryLater() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (HttpBackendPublisher publisher = publisher(TestConfigs.forUrl("http://127.0.0.1:" + closedPort))) {
            RetryLater later = assertInstanceOf(RetryLater.class, publisher.publish(BackendJson.encode(REQUEST)));
            assertTrue(later.reason().startsWith("backend unreachable"), later.reason());
        }
    }

    @Test
    void backendSlowerThanTheTimeout_outcomeIsRetryLater() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        backend.answer(r -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.of(200);
        });
        try (HttpBackendPublisher publisher =
                publisher(TestConfigs.forUrl(backend.url(), Duration.ofMillis(200)))) {
            assertInstanceOf(RetryLater.class, publisher.publish(BackendJson.encode(REQUEST)));
        } finally {
            release.countDown();
        }
    }

    @Test
    void httpsToAServerThatSpeaksNoTls_outcomeIsRetryLater() {
        String https = backend.url().replace("http://", "https://");
        try (HttpBackendPublisher publisher = publisher(TestConfigs.forUrl(https, Duration.ofMillis(500)))) {
            RetryLater later = assertInstanceOf(RetryLater.class, publisher.publish(BackendJson.encode(REQUEST)));
            assertTrue(later.reason().startsWith("backend unreachable"), later.reason());
        }
    }

    @Test
    void postOfStoredBytes_sendsThemUnchanged() {
        byte[] json = "{\"host\":\"h\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (HttpBackendPublisher publisher = publisher(TestConfigs.forUrl(backend.url()))) {
            backend.answer(400);
            assertEquals(3, assertInstanceOf(Rejected.class, publisher.publish(new EncodedRequest("s", json, 3))).count());
        }
        assertArrayEquals(json, backend.received().getFirst().body());
    }

    @Test
    void exceptionsWithoutMessages_areNamedByTheirClass_neverNull() {
        java.util.function.UnaryOperator<String> same = t -> t;
        assertEquals("UncheckedIOException (ConnectException)", HttpBackendPublisher.describe(
                new java.io.UncheckedIOException(null, new java.net.ConnectException()), same));
        assertEquals("IllegalStateException", HttpBackendPublisher.describe(new IllegalStateException(), same));
        assertEquals("refused (ConnectException: Connection refused)", HttpBackendPublisher.describe(
                new RuntimeException("refused", new java.net.ConnectException("Connection refused")), same));
    }

    private PublishOutcome publish(SessionUpdate request) {
        try (HttpBackendPublisher publisher = publisher(TestConfigs.forUrl(backend.url()))) {
            return publisher.publish(BackendJson.encode(request));
        }
    }

    private static HttpBackendPublisher publisher(HttpOutConfig config) {
        return new HttpBackendPublisher(config, CLOCK);
    }
}
