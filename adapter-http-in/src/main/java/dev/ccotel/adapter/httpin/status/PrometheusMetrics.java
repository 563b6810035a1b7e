package dev.ccotel.adapter.httpin.status;

import dev.ccotel.ports.in.DaemonStatus;
import dev.ccotel.ports.in.DaemonStatus.ExportCount;
import dev.ccotel.ports.model.DeliveryStatus;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /metrics}: the status as Prometheus counters and gauges. Each scrape turns one status
 * snapshot into the Prometheus client's metric snapshots and lets its writer do the exposition, so
 * there is no second set of counters to keep in step with {@code /status}.
 */
public final class PrometheusMetrics {
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

    private PrometheusMetrics() {}

    public static byte[] render(DaemonStatus status) {
        List<MetricSnapshot> metrics = new ArrayList<>();
        metrics.add(gauge("ccotel_build_info", "The running ccotel's version; always 1",
                point(1, Labels.of("version", status.version()))));
        CounterSnapshot.Builder exports = CounterSnapshot.builder().name("ccotel_exports")
                .help("OTLP exports answered, by signal and outcome, over both receivers");
        for (ExportCount count : status.exports()) {
            exports.dataPoint(CounterDataPointSnapshot.builder().value(count.count())
                    .labels(Labels.of("signal", count.signal().id(), "outcome", count.outcome().id())).build());
        }
        metrics.add(exports.build());
        metrics.add(CounterSnapshot.builder().name("ccotel_spans").help("Spans received (counted, not forwarded)")
                .dataPoint(CounterDataPointSnapshot.builder().value(status.spansCounted()).build()).build());
        CounterSnapshot.Builder skipped = CounterSnapshot.builder().name("ccotel_skipped_items")
                .help("Log records and data points not forwarded, by reason (spans are ccotel_spans_total)");
        status.skipped().forEach((reason, count) -> skipped.dataPoint(CounterDataPointSnapshot.builder().value(count)
                .labels(Labels.of("reason", reason.id())).build()));
        metrics.add(skipped.build());
        metrics.add(gauge("ccotel_start_time_seconds", "When the daemon started, in Unix seconds",
                point(seconds(status.startedAt()), Labels.EMPTY)));
        metrics.add(gauge("ccotel_uptime_seconds", "Seconds since the daemon started",
                point(status.uptime().toMillis() / 1000.0, Labels.EMPTY)));
        status.lastExportAt().ifPresent(at -> metrics.add(gauge("ccotel_last_export_time_seconds",
                "When the last export was answered, in Unix seconds", point(seconds(at), Labels.EMPTY))));
        DeliveryStatus delivery = status.delivery();
        metrics.add(gauge("ccotel_outbox_requests", "Requests waiting in the outbox for the backend",
                point(delivery.outbox().requests(), Labels.EMPTY)));
        metrics.add(gauge("ccotel_outbox_bytes", "Bytes waiting in the outbox for the backend",
                point(delivery.outbox().bytes(), Labels.EMPTY)));
        metrics.add(gauge("ccotel_outbox_refused_requests", "Requests the backend refused for good, kept in the store",
                point(delivery.outbox().refused(), Labels.EMPTY)));
        destinationTimes(metrics, "ccotel_destination_last_success_time_seconds",
                "The destination's last delivery, in Unix seconds", delivery, d -> d.lastSuccess());
        destinationTimes(metrics, "ccotel_destination_last_error_time_seconds",
                "The destination's last failed delivery since its last success, in Unix seconds", delivery,
                d -> d.lastError().map(DeliveryStatus.Failure::at));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            WRITER.write(out, new MetricSnapshots(metrics));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void destinationTimes(List<MetricSnapshot> metrics, String name, String help, DeliveryStatus delivery,
            java.util.function.Function<DeliveryStatus.Destination, Optional<Instant>> time) {
        List<GaugeDataPointSnapshot> points = new ArrayList<>();
        for (DeliveryStatus.Destination d : delivery.destinations()) {
            time.apply(d).ifPresent(at -> points.add(point(seconds(at), Labels.of("destination", d.name()))));
        }
        if (!points.isEmpty()) {
            metrics.add(gauge(name, help, points.toArray(GaugeDataPointSnapshot[]::new)));
        }
    }

    private static GaugeSnapshot gauge(String name, String help, GaugeDataPointSnapshot... points) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        for (GaugeDataPointSnapshot p : points) {
            gauge.dataPoint(p);
        }
        return gauge.build();
    }

    private static GaugeDataPointSnapshot point(double value, Labels labels) {
        return GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
    }

    private static double seconds(Instant at) {
        return at.toEpochMilli() / 1000.0;
    }
}
