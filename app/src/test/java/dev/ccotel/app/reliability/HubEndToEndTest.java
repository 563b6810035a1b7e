package dev.ccotel.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.adapter.postgres.PostgresExtension;
import dev.ccotel.app.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import dev.ccotel.app.config.HubConfig;
import dev.ccotel.app.config.Settings;
import dev.ccotel.app.compose.HubComposition;
import dev.ccotel.domain.fixtures.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hub on each of its stores (a real PostgreSQL, and the embedded SQLite file of a hub without
 * {@code hub.database.url}) with real daemons forwarding to it by {@code backend.url} alone, and raw
 * OTLP/HTTP sent to it with a member's token: each request is kept once, for its member.
 */
@ParameterizedClass
@EnumSource(HubStores.Kind.class)
class HubEndToEndTest {
    @RegisterExtension
    static final PostgresExtension PG = HubStores.PG;

    @Parameter
    HubStores.Kind kind;

    @TempDir
    Path home;

    @RegisterExtension
    final DaemonFixture fixture = new DaemonFixture(() -> home);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private HubStores.Store db;
    private HubComposition.Running hub;
    private DaemonHarness.LogCapture log;

    @BeforeEach
    void startHub() {
        log = DaemonHarness.LogCapture.install();
        db = HubStores.create(kind, home);
        hub = HubComposition.start(HubConfig.from(settings(Map.of("hub.port", "0", "hub.grpc-port", "0")), environment()),
                Clock.systemUTC());
    }

    @AfterEach
    void stopHub() {
        hub.close();
        log.close();
    }

    @Test
    void daemonForwardsToTheHub_byBackendUrlAlone_keptOnceForItsMember() throws Exception {
        String ada = addMember("ada");
        DaemonHarness daemon = fixture.start(hubUrl(), Map.of("backend.token", ada));

        daemon.export(Fixtures.pbLogs("write-file"));
        daemon.export(Fixtures.pbMetrics("write-file"));
        long events = count("SELECT COUNT(*) FROM events");
        assertTrue(events >= 7, "every event reached the hub: " + events);
        assertEquals(1, count("SELECT COUNT(*) FROM sessions s JOIN members m ON m.id = s.member_id"
                + " WHERE m.name = 'ada' AND s.host = 'test-host'"), "the session is ada's, on her machine");
        assertEquals(1, count("SELECT tool_calls FROM sessions"));

        // A second daemon (a re-sent outbox, a retry) sending the same session: counted once.
        DaemonHarness again = fixture.start(hubUrl(), Map.of("backend.token", ada));
        again.export(Fixtures.pbLogs("write-file"));
        again.export(Fixtures.pbMetrics("write-file"));
        assertEquals(events, count("SELECT COUNT(*) FROM events"));
        assertEquals(0.010365, number("SELECT SUM(value) FROM metrics WHERE metric_type = 'cost_usage'"), 1e-9);
    }

    @Test
    void rawOtlpHttp_withAMembersToken_isFoldedAtTheHub_andTheSameSessionByTwoPathsCountsOnce() throws Exception {
        String ada = addMember("ada");
        DaemonHarness daemon = fixture.start(hubUrl(), Map.of("backend.token", ada));
        daemon.export(Fixtures.pbLogs("write-file"));
        long events = count("SELECT COUNT(*) FROM events");

        HttpResponse<String> raw = post("/v1/logs", "Bearer " + ada, Fixtures.pbLogs("write-file").toByteArray());
        assertEquals(200, raw.statusCode(), raw.body());
        assertEquals(events, count("SELECT COUNT(*) FROM events"), "the same events by the second path are kept once");

        String bob = addMember("bob");
        assertEquals(200, post("/v1/logs", "Bearer " + bob, Fixtures.pbLogs("bash-tool").toByteArray()).statusCode());
        assertEquals(200, post("/v1/metrics", "Bearer " + bob, Fixtures.pbMetrics("bash-tool").toByteArray()).statusCode());
        assertEquals(1, count("SELECT COUNT(*) FROM sessions s JOIN members m ON m.id = s.member_id"
                + " WHERE m.name = 'bob' AND s.host = '" + HubComposition.DIRECT_OTLP_HOST + "'"));
        assertTrue(number("SELECT SUM(value) FROM metrics m JOIN sessions s USING (session_id)"
                + " JOIN members mb ON mb.id = s.member_id WHERE mb.name = 'bob' AND metric_type = 'cost_usage'") > 0);
    }

    @Test
    void otlpGrpc_withTheTokenInAuthorizationMetadata_isKeptForTheMember_andRefusedWithout() throws Exception {
        String bob = addMember("bob");
        io.grpc.ManagedChannel channel = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
                .forAddress("127.0.0.1", hub.grpcPort().orElseThrow()).usePlaintext().build();
        try {
            io.grpc.Metadata headers = new io.grpc.Metadata();
            headers.put(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER), "Bearer " + bob);
            var stub = io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS);
            stub.withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers))
                    .export(Fixtures.pbLogs("bash-tool"));
            assertTrue(count("SELECT COUNT(*) FROM events") > 0);
            assertEquals(1, count("SELECT COUNT(*) FROM sessions s JOIN members m ON m.id = s.member_id"
                    + " WHERE m.name = 'bob'"));

            io.grpc.StatusRuntimeException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    io.grpc.StatusRuntimeException.class, () -> stub.export(Fixtures.pbLogs("write-file")));
            assertEquals(io.grpc.Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
            assertEquals(1, count("SELECT COUNT(*) FROM sessions"), "nothing kept from a call without a token");
        } finally {
            channel.shutdownNow().awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void teamDashboard_asksForAMembersToken_andShowsMembersWhereTheDaemonShowsProjects() throws Exception {
        String ada = addMember("ada");
        DaemonHarness daemon = fixture.start(hubUrl(), Map.of("backend.token", ada));
        daemon.export(Fixtures.pbLogs("write-file"));
        daemon.export(Fixtures.pbMetrics("write-file"));

        HttpResponse<String> anonymous = get("/", null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                "the browser asks for the token");
        assertEquals(401, get("/api/overview", basic("ada", "ccotel_hub_wrong")).statusCode());

        String viewer = basic("anyone", ada);
        assertEquals(200, get("/", viewer).statusCode());
        assertEquals(200, get("/api/overview", viewer).statusCode());
        HttpResponse<String> projects = get("/api/report?kind=projects", viewer);
        assertEquals(200, projects.statusCode(), projects.body());
        assertTrue(projects.body().replace(" ", "").contains("\"key\":\"ada\""), projects.body());
    }

    private static String basic(String user, String token) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hubUrl() + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void wrongOrRevokedToken_gets401_storesNothing_andNoTokenIsLogged() throws Exception {
        String ada = addMember("ada");
        byte[] logs = Fixtures.pbLogs("write-file").toByteArray();
        assertEquals(401, post("/v1/logs", "Bearer ccotel_hub_not-a-member", logs).statusCode());
        assertEquals(401, post("/v1/logs", null, logs).statusCode());
        assertEquals(401, post("/api/v1/cc/otel", "CLI wrong", "{}".getBytes()).statusCode());

        Result removed = cli("hub", "member", "remove", "ada");
        assertEquals(0, removed.code(), removed.err());
        assertEquals(401, post("/v1/logs", "Bearer " + ada, logs).statusCode(), "revoked at once");
        assertEquals(0, count("SELECT COUNT(*) FROM events"));
        assertFalse(log.text().contains(ada), "the token appears in no log line");
        assertFalse(log.text().contains("not-a-member"), "nor a wrong one");
    }

    @Test
    void hubCli_addsMembersAndReportsPerMemberAndMachine_inReportsJsonShape() throws Exception {
        Result added = cli("hub", "member", "add", "ada");
        assertEquals(0, added.code(), added.err());
        String token = added.out().strip();
        assertTrue(token.startsWith("ccotel_hub_") && !token.contains("\n"), "the token alone on stdout: " + added.out());
        assertEquals(1, count("SELECT COUNT(*) FROM members WHERE token_sha256 <> '" + token + "'"), "only a hash is kept");

        DaemonHarness daemon = fixture.start(hubUrl(), Map.of("backend.token", token));
        daemon.export(Fixtures.pbLogs("write-file"));
        daemon.export(Fixtures.pbMetrics("write-file"));

        Result members = cli("hub", "report", "members", "--json");
        assertEquals(0, members.code(), members.err());
        assertTrue(members.out().contains("\"report\":\"members\""), members.out());
        assertTrue(members.out().contains("\"key\":\"ada\""), members.out());
        assertTrue(members.out().contains("\"schema\":1"), members.out());

        Result machines = cli("hub", "report", "machines", "--json");
        assertTrue(machines.out().contains("\"key\":\"ada@test-host\""), machines.out());

        Result table = cli("hub", "report", "members");
        assertTrue(table.out().contains("Member") && table.out().contains("ada"), table.out());
        assertFalse(table.out().contains("Project"), "every header says what the rows are: " + table.out());

        Result list = cli("hub", "member", "list");
        assertTrue(list.out().startsWith("ada\t"), list.out());
    }

    record Result(int code, String out, String err) {}

    /** The real command line, with the hub's database given by --set as a user would (none for the default file). */
    private Result cli(String... args) {
        List<String> all = new ArrayList<>();
        flags().forEach((k, v) -> {
            all.add("--set");
            all.add(k + "=" + v);
        });
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(all.toArray(String[]::new), environment(), Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String addMember(String name) {
        try (HubComposition.Members members = HubComposition.members(HubConfig.database(settings(Map.of()),
                environment()), Clock.systemUTC())) {
            return members.add().add(name).orElseThrow().token();
        }
    }

    private String hubUrl() {
        return "http://127.0.0.1:" + hub.port();
    }

    private Map<String, String> flags() {
        return db.flags();
    }

    private Map<String, String> environment() {
        return Map.of("HOME", home.toString());
    }

    private Settings settings(Map<String, String> more) {
        Map<String, String> flags = new LinkedHashMap<>(flags());
        flags.putAll(more);
        return Settings.load(Optional.empty(), environment(), flags);
    }

    private HttpResponse<String> post(String path, String authorization, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hubUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", path.startsWith("/v1/") ? "application/x-protobuf" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long count(String sql) throws Exception {
        return db.count(sql);
    }

    private double number(String sql) throws Exception {
        return db.number(sql);
    }
}
