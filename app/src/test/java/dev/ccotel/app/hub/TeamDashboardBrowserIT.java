package dev.ccotel.app.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.adapter.postgres.PostgresConfig;
import dev.ccotel.adapter.postgres.PostgresExtension;
import dev.ccotel.app.compose.HubComposition;
import dev.ccotel.app.config.HubConfig;
import dev.ccotel.app.config.Settings;
import dev.ccotel.domain.fixtures.Captures2_1_332;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The team dashboard in a real headless Chromium, signed in as a member (her token as the Basic
 * password, sent by the browser on every request, the live stream's too): a session's spans on its
 * page, and a live update when the hub keeps a member's export, without a reload. The daemon's page is
 * tested in full by DashboardBrowserIT; this is what differs at the hub.
 */
class TeamDashboardBrowserIT {
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));
    private static final Duration PATIENCE = Duration.ofSeconds(90); // a busy machine: wait, never race
    private static final Instant CAPTURED_ON = Instant.parse("2026-12-07T12:00:00Z");

    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    Path home;

    private HubComposition.Running hub;
    private ChromeDriver browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aMemberSeesASessionsSpans_andALiveUpdate() throws Exception {
        boolean there = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!there && System.getenv("CI") != null) {
            throw new IllegalStateException("no " + CHROMIUM + " or " + DRIVER + ": .ci/run installs Debian's chromium"
                    + " and chromium-driver");
        }
        Assumptions.assumeTrue(there, "no headless Chromium here (apt-get install chromium chromium-driver)");
        PostgresConfig db = PG.newDatabase();
        HubConfig config = HubConfig.from(Settings.load(Optional.empty(), Map.of("HOME", home.toString()), Map.of(
                "hub.port", "0", "hub.database.url", db.url(), "hub.database.user", db.user())));
        // the captures' day is "today" for the page, whenever the test runs; the clock still moves (live signals)
        hub = HubComposition.start(config, Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), CAPTURED_ON)));
        String ada;
        try (HubComposition.Members members = HubComposition.members(config.database(), Clock.systemUTC())) {
            ada = members.add().add("ada").orElseThrow().token();
        }
        post(ada, "/v1/traces", Captures2_1_332.bytes("traces/0001-traces.json"));
        post(ada, "/v1/logs", Captures2_1_332.bytes("traces/0002-logs.json"));
        post(ada, "/v1/metrics", Captures2_1_332.bytes("traces/0003-metrics.json"));

        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--user-data-dir=" + home.resolve("chromium-profile"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build(), options);
        // What the browser sends once the person has answered its Basic prompt, on every request of the page.
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(("ada:" + ada).getBytes(StandardCharsets.UTF_8)))));
        WebDriverWait waiting = new WebDriverWait(browser, PATIENCE);

        browser.get(base() + "/#/session/5b8e0f66-4533-418a-a7ca-9d1306f54b40");
        waiting.until(d -> d.findElement(By.id("spans-summary")).getText().contains("time to first token"));
        assertEquals("time to first token 17 ms, 6 ms · tools ran 13 ms · waiting for permission 20 ms",
                browser.findElement(By.id("spans-summary")).getText());
        assertEquals(6, browser.findElements(By.cssSelector("#spans .span")).size());
        waiting.until(d -> !d.findElements(By.cssSelector("#timeline li")).isEmpty());
        assertTrue(browser.findElement(By.id("timeline")).getText().contains("tool decision"),
                browser.findElement(By.id("timeline")).getText());

        browser.navigate().to(base() + "/#/");
        waiting.until(d -> "live".equals(d.findElement(By.id("live")).getText()));
        waiting.until(d -> d.findElement(By.id("cards")).getText().contains("TODAY"));
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = 'yes';");
        String cards = browser.findElement(By.id("cards")).getText();
        post(ada, "/v1/logs", Captures2_1_332.bytes("transcripts/telemetry/otlp/0001-logs.json"));
        post(ada, "/v1/metrics", Captures2_1_332.bytes("transcripts/telemetry/otlp/0002-metrics.json"));
        waiting.until(d -> !d.findElement(By.id("cards")).getText().equals(cards));
        assertEquals("yes", ((JavascriptExecutor) browser).executeScript("return window.sameDocument;"), "no reload");
    }

    private String base() {
        return "http://127.0.0.1:" + hub.port();
    }

    private void post(String token, String path, byte[] json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }
}
