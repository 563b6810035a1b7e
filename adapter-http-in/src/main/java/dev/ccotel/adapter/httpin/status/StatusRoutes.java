package dev.ccotel.adapter.httpin.status;

import dev.ccotel.ports.in.DaemonStatus;
import dev.ccotel.ports.in.ReportStatusUseCase;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerResponse;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** {@code /healthz}, {@code /status} and {@code /metrics}: asking the daemon without a gRPC client. */
public final class StatusRoutes {
    private final ReportStatusUseCase status;
    private final BooleanSupplier serving;

    /** @param serving false once the listener is draining, so a supervisor stops sending before the port closes */
    public StatusRoutes(ReportStatusUseCase status, BooleanSupplier serving) {
        this.status = Objects.requireNonNull(status, "status");
        this.serving = Objects.requireNonNull(serving, "serving");
    }

    public void register(HttpRules rules) {
        rules.get("/healthz", (req, res) -> {
            boolean up = serving.getAsBoolean();
            // A daemon that refuses every export (its store deleted or damaged) is not healthy, though it answers.
            String refusing = up ? status.status().delivery().refusing().orElse(null) : null;
            res.status(up && refusing == null ? 200 : 503).header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .send(!up ? "shutting down\n" : refusing == null ? "ok\n" : "refusing exports: " + refusing + "\n");
        });
        rules.get("/status", (req, res) -> send(res, "application/json", StatusJson::render));
        rules.get("/metrics", (req, res) -> send(res, PrometheusMetrics.CONTENT_TYPE, PrometheusMetrics::render));
    }

    private void send(ServerResponse res, String contentType, Function<DaemonStatus, byte[]> render) {
        res.header(HeaderNames.CONTENT_TYPE, contentType).send(render.apply(status.status()));
    }
}
