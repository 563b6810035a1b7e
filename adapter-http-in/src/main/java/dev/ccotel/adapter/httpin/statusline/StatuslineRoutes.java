package dev.ccotel.adapter.httpin.statusline;

import dev.ccotel.adapter.httpin.RouteSet;
import dev.ccotel.domain.context.SessionContext;
import dev.ccotel.ports.in.StatuslineLook;
import dev.ccotel.ports.in.StatuslineUseCase;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * {@code POST /statusline} (Claude Code's statusline input in, the line to print out, as plain text)
 * and {@code POST /hook} (a {@code SessionStart} hook's input in, nothing out), which the launcher's
 * {@code ccotel statusline} and {@code ccotel hook} call with curl. Query: {@code columns} (the
 * terminal's width) and {@code colour=1}. Behind the listener's Host and Origin refusal like every route.
 */
public final class StatuslineRoutes implements RouteSet {
    private static final System.Logger LOG = System.getLogger(StatuslineRoutes.class.getName());
    /** Claude Code's input is about 2 KB; a body this large is not a statusline's. */
    static final int MAX_BODY = 256 * 1024;

    private final StatuslineUseCase statusline;
    private final Clock clock;

    public StatuslineRoutes(StatuslineUseCase statusline, Clock clock) {
        this.statusline = Objects.requireNonNull(statusline, "statusline");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void register(HttpRules rules) {
        rules.post("/statusline", (req, res) -> {
            SessionContext context = read(req, res);
            if (context != null) {
                StatuslineLook look = new StatuslineLook(columns(req), req.query().first("colour").orElse("0")
                        .equals("1"));
                text(res, Status.OK_200, statusline.line(context, look));
            }
        });
        rules.post("/hook", (req, res) -> {
            SessionContext context = read(req, res);
            if (context != null) {
                statusline.started(context);
                res.status(Status.NO_CONTENT_204).send();
            }
        });
        for (String path : new String[] {"/statusline", "/hook"}) {
            rules.any(path, (req, res) -> res.status(Status.METHOD_NOT_ALLOWED_405).header(HeaderNames.ALLOW, "POST")
                    .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .send(req.prologue().method().text() + " " + path + " is not supported; POST Claude Code's JSON\n"));
        }
    }

    /** The context in the body, or null after answering 400 or 413. */
    private SessionContext read(ServerRequest req, ServerResponse res) {
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        } catch (IOException | RuntimeException e) {
            text(res, Status.BAD_REQUEST_400, "cannot read the body: " + e.getMessage());
            return null;
        }
        if (body.length > MAX_BODY) {
            text(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "the body is over " + MAX_BODY + " bytes; Claude Code's"
                    + " statusline input is about 2 KB");
            return null;
        }
        try {
            return StatuslineJson.read(body, clock.instant());
        } catch (IllegalArgumentException e) {
            LOG.log(Level.DEBUG, () -> "statusline input refused: " + e.getMessage());
            text(res, Status.BAD_REQUEST_400, e.getMessage());
            return null;
        }
    }

    private static OptionalInt columns(ServerRequest req) {
        try {
            int n = Integer.parseInt(req.query().first("columns").orElse(""));
            return n > 0 ? OptionalInt.of(n) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static void text(ServerResponse res, Status status, String text) {
        res.status(status).header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .send(text.getBytes(StandardCharsets.UTF_8));
    }
}
