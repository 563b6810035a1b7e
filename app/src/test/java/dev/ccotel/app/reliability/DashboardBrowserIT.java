package dev.ccotel.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.fixtures.Captures2_1_332;
import dev.ccotel.domain.fixtures.Fixtures;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 27 in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs): what a person sees of a store the real ingest path filled from Claude Code's
 * captures: the totals, a chart drawn, the sessions list, a session page, and a live update arriving
 * without a reload. {@code -Ddashboard.screenshots=DIR} keeps screenshots (light, dark, narrow).
 */
class DashboardBrowserIT {
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));
    private static final Duration PATIENCE = Duration.ofSeconds(90); // a busy machine: wait, never race

    /** Noon of the day the 2.1.332 statusline and telemetry were captured: "today" for them, whenever the test runs. */
    private static final java.time.Instant CAPTURED_ON = java.time.Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path home;

    @RegisterExtension
    final DaemonFixture fixture = new DaemonFixture(() -> home);

    private WebDriver browser;

    private WebDriver browser(boolean dark) {
        boolean there = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!there && System.getenv("CI") != null) {
            throw new IllegalStateException("no " + CHROMIUM + " or " + DRIVER + ": .ci/run installs Debian's chromium"
                    + " and chromium-driver");
        }
        Assumptions.assumeTrue(there, "no headless Chromium here (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--user-data-dir=" + home.resolve("chromium-profile"));
        if (dark) {
            options.addArguments("--force-dark-mode", "--blink-settings=preferredColorScheme=0");
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        return browser;
    }

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static WebDriverWait waiting(WebDriver b) {
        return new WebDriverWait(b, PATIENCE);
    }

    /** Waits until the page says it has drawn everything after {@code after} (its data-ready stamp). */
    private static void ready(WebDriver b, long after) {
        waiting(b).until(d -> {
            String stamp = d.findElement(By.tagName("body")).getAttribute("data-ready");
            return stamp != null && Long.parseLong(stamp) > after;
        });
    }

    private void post(DaemonHarness daemon, String path, byte[] body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + daemon.httpPort() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    private void screenshot(WebDriver b, String name) throws Exception {
        String dir = System.getProperty("dashboard.screenshots");
        if (dir != null) {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, name), ((TakesScreenshot) b).getScreenshotAs(OutputType.BYTES));
        }
    }

    @Test
    void aPersonSeesTotalsChartsSessionsASessionPage_andALiveUpdate() throws Exception {
        DaemonHarness daemon = fixture.startAt(CAPTURED_ON, Map.of("delivery.mode", "store", "store.path",
                home.resolve("ccotel.db").toString(), "budget.monthly-usd", "25"));
        for (String scenario : Fixtures.SCENARIOS) {
            daemon.export(Fixtures.pbLogs(scenario));
            daemon.export(Fixtures.pbMetrics(scenario));
        }
        // today's session: Claude Code 2.1.332's telemetry, its statusline telling folder and limits
        String statusline = new String(Captures2_1_332.bytes("statusline/gateway-rate-limits/1-first/statusline-05.json"),
                StandardCharsets.UTF_8).replace("457f0da1-7c23-4ba7-a26a-5811ceb142ae", "f228f25a-858d-4558-b922-d99f8e4595d2");
        post(daemon, "/statusline", statusline.getBytes(StandardCharsets.UTF_8));
        post(daemon, "/v1/logs", Captures2_1_332.bytes("transcripts/telemetry/otlp/0001-logs.json"));
        post(daemon, "/v1/metrics", Captures2_1_332.bytes("transcripts/telemetry/otlp/0002-metrics.json"));
        // a session with traces (Claude Code's tracing beta)
        post(daemon, "/v1/traces", Captures2_1_332.bytes("traces/0001-traces.json"));
        post(daemon, "/v1/logs", Captures2_1_332.bytes("traces/0002-logs.json"));
        post(daemon, "/v1/metrics", Captures2_1_332.bytes("traces/0003-metrics.json"));

        WebDriver b = browser(false);
        b.get("http://127.0.0.1:" + daemon.httpPort() + "/");
        ready(b, 0);
        screenshot(b, "dashboard-overview.png");
        String cards = b.findElement(By.id("cards")).getText();
        assertTrue(cards.contains("TODAY") && cards.contains("$0.021"), cards); // two sessions of $0.010365 today
        assertTrue(b.findElement(By.id("extras")).getText().contains("MONTH-END FORECAST"), "the budget card");

        // a chart drawn: uPlot's canvas has pixels that are not blank
        Object drawn = ((JavascriptExecutor) b).executeScript("const c = document.querySelector('#chart-cost canvas');"
                + "if (!c || !c.width) return false; const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true; return false;");
        assertEquals(Boolean.TRUE, drawn, "the cost chart drew something");
        String perDay = b.findElement(By.id("table-cost")).getAttribute("textContent");
        assertTrue(perDay.contains("2026-11-26") && perDay.contains("2026-12-07"), "the charts' figures as text: " + perDay);
        assertTrue(b.findElement(By.id("decisions-note")).getText().startsWith("4 accepted · 0 rejected"),
                b.findElement(By.id("decisions-note")).getText());

        List<WebElement> rows = b.findElements(By.cssSelector("#sessions tbody tr"));
        assertTrue(rows.size() >= 5, "every session of the last 30 days: " + rows.size());
        b.findElement(By.id("filter")).sendKeys("slwork");
        waiting(b).until(d -> d.findElements(By.cssSelector("#sessions tbody tr")).size() == 1);
        screenshot(b, "dashboard-sessions.png");

        long before = Long.parseLong(b.findElement(By.tagName("body")).getAttribute("data-ready"));
        b.findElement(By.cssSelector("#sessions tbody tr a")).click();
        ready(b, before);
        waiting(b).until(d -> !d.findElements(By.cssSelector("#timeline li")).isEmpty());
        String timeline = b.findElement(By.id("timeline")).getText();
        assertTrue(timeline.contains("api request") && timeline.contains("$0.005"), timeline);
        assertTrue(timeline.contains("tool decision") && timeline.contains("Write"), timeline);
        screenshot(b, "dashboard-session.png");

        b.navigate().to("http://127.0.0.1:" + daemon.httpPort() + "/#/session/5b8e0f66-4533-418a-a7ca-9d1306f54b40");
        waiting(b).until(d -> d.findElement(By.id("spans-summary")).getText().contains("time to first token"));
        assertEquals("time to first token 17 ms, 6 ms · tools ran 13 ms · waiting for permission 20 ms",
                b.findElement(By.id("spans-summary")).getText());
        assertEquals(6, b.findElements(By.cssSelector("#spans .span")).size());
        screenshot(b, "dashboard-spans.png");

        // live: an export arrives; the page updates without being loaded again
        b.navigate().to("http://127.0.0.1:" + daemon.httpPort() + "/#/");
        waiting(b).until(d -> "live".equals(d.findElement(By.id("live")).getText()));
        ((JavascriptExecutor) b).executeScript("window.sameDocument = 'yes';");
        String month = b.findElement(By.id("cards")).getText();
        daemon.export(Captures2_1_332.logs("api-request-full"));
        daemon.export(Captures2_1_332.metrics("api-request-full"));
        waiting(b).until(d -> !d.findElement(By.id("cards")).getText().equals(month));
        assertEquals("yes", ((JavascriptExecutor) b).executeScript("return window.sameDocument;"), "no reload");

        b.manage().window().setSize(new Dimension(420, 900));
        ready(b, Long.parseLong(b.findElement(By.tagName("body")).getAttribute("data-ready")));
        Object overflow = ((JavascriptExecutor) b).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertTrue(((Number) overflow).intValue() <= 1, "a narrow window scrolls down, not sideways: " + overflow);
        screenshot(b, "dashboard-narrow.png");
    }

    @Test
    void theDarkSchemeIsDark() throws Exception {
        DaemonHarness daemon = fixture.startAt(CAPTURED_ON, Map.of("delivery.mode", "store", "store.path",
                home.resolve("ccotel.db").toString()));
        daemon.export(Fixtures.pbLogs("write-file"));
        daemon.export(Fixtures.pbMetrics("write-file"));
        WebDriver b = browser(true);
        b.get("http://127.0.0.1:" + daemon.httpPort() + "/");
        ready(b, 0);
        Object background = ((JavascriptExecutor) b).executeScript("return getComputedStyle(document.body).backgroundColor;");
        assertEquals("rgb(15, 18, 23)", background, "the dark palette's background");
        screenshot(b, "dashboard-dark.png");
    }
}
