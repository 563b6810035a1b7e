package dev.ccotel.adapter.httpin.dashboard;

import dev.ccotel.adapter.httpin.RouteSet;
import dev.ccotel.adapter.httpin.report.ReportJson;
import dev.ccotel.ports.in.OverviewUseCase;
import dev.ccotel.ports.in.ReadSessionUseCase;
import dev.ccotel.ports.in.ReportDecisionsUseCase;
import dev.ccotel.ports.in.ReportLimitsUseCase;
import dev.ccotel.ports.in.ReportStatusUseCase;
import dev.ccotel.ports.in.ReportUsageUseCase;
import dev.ccotel.ports.in.SessionDetail;
import dev.ccotel.ports.in.UsageQuery;
import dev.ccotel.ports.in.UsageReport;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * The dashboard at {@code /}: a page, its script and style, uPlot from its WebJar, and a JSON API that
 * is a thin adapter over the report use cases ({@code /api/report} is exactly {@code ccotel report --json}):
 * {@code /api/overview}, {@code /api/report?kind=&since=&until=&project=&breakdown=1},
 * {@code /api/limits?since=&until=}, {@code /api/decisions?since=&until=}, {@code /api/session?id=}, and {@code /api/live}, server-sent events
 * that say when an export was kept. GET only, same origin only (no CORS; the listener's Host and Origin
 * refusal is in front), and a Content-Security-Policy that lets the page load nothing from elsewhere.
 */
public final class DashboardRoutes implements RouteSet {
    private static final System.Logger LOG = System.getLogger(DashboardRoutes.class.getName());
    private static final String HERE = "/dev/ccotel/adapter/httpin/dashboard/";
    private static final String CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none';"
            + " base-uri 'none'; form-action 'none'";
    /** How often the live stream looks for a new export, and says it is there when nothing happens. */
    static final Duration LOOK_EVERY = Duration.ofMillis(500);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    /** The use cases the dashboard reads. */
    public record Views(OverviewUseCase overview, ReportUsageUseCase reports, ReportLimitsUseCase limits,
            ReadSessionUseCase sessions, ReportDecisionsUseCase decisions) {
        public Views {
            Objects.requireNonNull(decisions, "decisions");
            Objects.requireNonNull(overview, "overview");
            Objects.requireNonNull(reports, "reports");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(sessions, "sessions");
        }
    }

    private final Optional<Views> views;
    private final ReportStatusUseCase status;
    private final BooleanSupplier serving;
    private final ZoneId zone;
    private final Clock clock;
    private final Map<String, Asset> assets;

    /**
     * @param views empty for a daemon that keeps nothing (passthrough): the page then says so
     * @param serving false once the listener drains: the live streams end
     */
    public DashboardRoutes(Optional<Views> views, ReportStatusUseCase status, BooleanSupplier serving, ZoneId zone,
            Clock clock) {
        this.views = Objects.requireNonNull(views, "views");
        this.status = Objects.requireNonNull(status, "status");
        this.serving = Objects.requireNonNull(serving, "serving");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
        String uplot = "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        this.assets = Map.of(
                "/", new Asset(HERE + "index.html", "text/html; charset=utf-8"),
                "/assets/app.js", new Asset(HERE + "app.js", "text/javascript; charset=utf-8"),
                "/assets/app.css", new Asset(HERE + "app.css", "text/css; charset=utf-8"),
                "/assets/uPlot.iife.min.js", new Asset(uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8"),
                "/assets/uPlot.min.css", new Asset(uplot + "uPlot.min.css", "text/css; charset=utf-8"));
    }

    /** A file of the jar, read when first asked for. */
    private record Asset(String resource, String contentType) {
        byte[] bytes() {
            try (InputStream in = DashboardRoutes.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the jar");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The uPlot WebJar's version, from its own pom.properties: one place (the pom) names it. */
    static String uplotVersion() {
        try (InputStream in = DashboardRoutes.class.getResourceAsStream(
                "/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the uPlot WebJar is not on the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void register(HttpRules rules) {
        assets.forEach((path, asset) -> rules.get(path, (req, res) -> {
            secure(res).header(HeaderNames.CONTENT_TYPE, asset.contentType())
                    .header(HeaderNames.CACHE_CONTROL, "no-cache").send(asset.bytes());
        }));
        rules.get("/api/overview", json(req -> DashboardJson.overview(views().overview().overview())));
        rules.get("/api/report", json(req -> ReportJson.render(views().reports().report(query(req)))));
        rules.get("/api/limits", json(req -> {
            Instant from = date(req, "since").map(d -> d.atStartOfDay(zone).toInstant()).orElse(Instant.EPOCH);
            Instant to = date(req, "until").map(d -> d.plusDays(1).atStartOfDay(zone).toInstant())
                    .orElse(clock.instant().plusSeconds(86_400));
            return ReportJson.limits(views().limits().windows(from, to), zone);
        }));
        rules.get("/api/decisions", json(req -> {
            LocalDate until = date(req, "until").orElse(LocalDate.ofInstant(clock.instant(), zone));
            LocalDate since = date(req, "since").orElse(until.minusDays(29));
            return DashboardJson.decisions(views().decisions().perDay(since, until, zone), zone);
        }));
        rules.get("/api/session", (req, res) -> {
            String id = req.query().first("id").orElse("");
            Optional<SessionDetail> detail = id.isEmpty() ? Optional.empty() : views().sessions().session(id);
            if (detail.isEmpty()) {
                send(res, Status.NOT_FOUND_404, error("no session " + id + " in the store"));
                return;
            }
            String row = detail.get().row().map(r -> ReportJson.render(new UsageReport(new UsageQuery(
                    UsageQuery.Grouping.SESSIONS, Optional.empty(), Optional.empty(), zone, Optional.empty(), true),
                    List.of(r), r.usage(), r.costSources()))).orElse(null);
            send(res, Status.OK_200, DashboardJson.session(detail.get(), row));
        });
        rules.get("/api/live", this::live);
    }

    private Views views() {
        return views.orElseThrow(() -> new NoStore());
    }

    /** The daemon keeps nothing (passthrough): there is nothing to show. */
    private static final class NoStore extends RuntimeException {
        NoStore() {
            super("this daemon keeps nothing (delivery.mode: passthrough): the dashboard reads the local store", null,
                    false, false);
        }
    }

    @FunctionalInterface
    private interface Render {
        String json(ServerRequest req);
    }

    private Handler json(Render render) {
        return (req, res) -> {
            try {
                send(res, Status.OK_200, render.json(req));
            } catch (IllegalArgumentException e) {
                send(res, Status.BAD_REQUEST_400, error(e.getMessage()));
            } catch (NoStore e) {
                send(res, Status.SERVICE_UNAVAILABLE_503, error(e.getMessage()));
            } catch (IllegalStateException e) {
                LOG.log(Level.WARNING, "dashboard: {0}", e.getMessage());
                send(res, Status.SERVICE_UNAVAILABLE_503, error(e.getMessage()));
            }
        };
    }

    private static String error(String message) {
        return DashboardJson.error(message);
    }

    private void send(ServerResponse res, Status status, String json) {
        secure(res).status(status).header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.CACHE_CONTROL, "no-store").send(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ServerResponse secure(ServerResponse res) {
        return res.header("Content-Security-Policy", CSP).header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
    }

    /** What a report asks: {@code kind} (as {@code ccotel report}), {@code since}/{@code until} days, {@code project}, {@code breakdown=1}. */
    private UsageQuery query(ServerRequest req) {
        String kind = req.query().first("kind").orElse("daily").toUpperCase(Locale.ROOT);
        UsageQuery.Grouping grouping;
        try {
            grouping = UsageQuery.Grouping.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind: '" + kind.toLowerCase(Locale.ROOT) + "' is not a report");
        }
        return new UsageQuery(grouping, date(req, "since"), date(req, "until"), zone, req.query().first("project").asOptional(),
                req.query().first("breakdown").orElse("0").equals("1"));
    }

    private static Optional<LocalDate> date(ServerRequest req, String name) {
        Optional<String> text = req.query().first(name).filter(s -> !s.isBlank());
        try {
            return text.map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": '" + text.get() + "' is not a day (YYYY-MM-DD)");
        }
    }

    /** Server-sent events: {@code export} when a newer export was answered than the last one said, a comment now and then. */
    private void live(ServerRequest req, ServerResponse res) {
        secure(res).header(HeaderNames.CACHE_CONTROL, "no-store");
        Optional<Instant> said = status.status().lastExportAt();
        Instant quietSince = Instant.now();
        try (SseSink sink = res.sink(SseSink.TYPE)) {
            sink.emit(SseEvent.builder().comment("ccotel live").build());
            while (serving.getAsBoolean()) {
                Thread.sleep(LOOK_EVERY.toMillis());
                Optional<Instant> last = status.status().lastExportAt();
                if (last.isPresent() && !last.equals(said)) {
                    said = last;
                    quietSince = Instant.now();
                    sink.emit(SseEvent.builder().name("export").data(last.get().toString()).build());
                } else if (Duration.between(quietSince, Instant.now()).compareTo(KEEP_ALIVE) >= 0) {
                    quietSince = Instant.now();
                    sink.emit(SseEvent.builder().comment("still here").build());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "a live dashboard went away: " + e.getMessage()); // the browser closed its tab
        }
    }
}
