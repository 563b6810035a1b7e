package dev.ccotel.ports.service;

import static dev.ccotel.domain.fixtures.Otlp.attrs;
import static dev.ccotel.domain.fixtures.Otlp.claudeCode;
import static dev.ccotel.domain.fixtures.Otlp.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.OtlpMapper;
import dev.ccotel.domain.SessionLedger;
import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.fixtures.Otlp;
import dev.ccotel.ports.fakes.RecordingPublisher;
import dev.ccotel.ports.fakes.ScriptedPublisher;
import dev.ccotel.ports.in.IngestLogsCommand;
import dev.ccotel.ports.in.IngestMetricsCommand;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.out.PublishTelemetryPort;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IngestServicesTest {
    private static final long T = 1_795_706_896_000_000_000L;
    private static final ExportLogsServiceRequest TWO_SESSIONS = Otlp.logs(claudeCode(), List.of(
            event(T, attrs("session.id", "a", "event.name", "user_prompt")),
            event(T, attrs("session.id", "b", "event.name", "user_prompt")),
            event(T + 1, attrs("session.id", "b", "event.name", "api_request"))));

    private static OtlpMapper mapper() {
        return new OtlpMapper(new SessionLedger(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)),
                MappingOptions.privateByDefault("h"));
    }

    @Test
    void everySessionAccepted_isSuccess_andEachSessionIsPublishedOnce() {
        RecordingPublisher publisher = new RecordingPublisher();

        IngestResult result = new IngestLogsService(mapper(), publisher).ingest(new IngestLogsCommand(TWO_SESSIONS));

        assertInstanceOf(IngestResult.Success.class, result);
        assertEquals(List.of("a", "b"), publisher.published().stream().map(r -> r.session().sessionId()).toList());
    }

    @Test
    void fixtureMetricsExport_isPublishedAsOneRequest() {
        RecordingPublisher publisher = new RecordingPublisher();

        IngestResult result = new IngestMetricsService(mapper(), publisher)
                .ingest(new IngestMetricsCommand(Fixtures.pbMetrics("write-file")));

        assertInstanceOf(IngestResult.Success.class, result);
        assertEquals(1, publisher.published().size());
        assertEquals(3, publisher.published().get(0).session().totals().linesAdded());
    }

    @Test
    void backendRefusedOneSession_isPartialSuccessWithItsCount() {
        ScriptedPublisher publisher = new ScriptedPublisher(
                new PublishOutcome.Accepted(), new PublishOutcome.Rejected(2, "HTTP 400: bad session"));

        IngestResult result = new IngestLogsService(mapper(), publisher).ingest(new IngestLogsCommand(TWO_SESSIONS));

        assertEquals(new IngestResult.PartialSuccess(2, "HTTP 400: bad session"), result);
    }

    @Test
    void anySessionToRetry_makesTheWholeExportRetryLater_withTheLongestDelay() {
        ScriptedPublisher publisher = new ScriptedPublisher(
                new PublishOutcome.RetryLater("HTTP 429", Optional.of(Duration.ofSeconds(2))),
                new PublishOutcome.RetryLater("HTTP 503", Optional.of(Duration.ofSeconds(7))));

        IngestResult result = new IngestLogsService(mapper(), publisher).ingest(new IngestLogsCommand(TWO_SESSIONS));

        assertEquals(new IngestResult.RetryLater("HTTP 429; HTTP 503", Optional.of(Duration.ofSeconds(7))), result);
        assertEquals(2, publisher.calls().size(), "every session is still tried at once");
    }

    @Test
    void retryWinsOverRejection_soTheExporterSendsAgain() {
        ScriptedPublisher publisher = new ScriptedPublisher(
                new PublishOutcome.Rejected(1, "HTTP 400"), new PublishOutcome.RetryLater("timeout", Optional.empty()));

        IngestResult result = new IngestLogsService(mapper(), publisher).ingest(new IngestLogsCommand(TWO_SESSIONS));

        assertInstanceOf(IngestResult.RetryLater.class, result);
    }

    @Test
    void publisherThatThrows_isTreatedAsRetryLater() {
        PublishTelemetryPort publisher = mock(PublishTelemetryPort.class);
        when(publisher.publish(any())).thenThrow(new IllegalStateException("bug"));

        IngestResult result = new IngestLogsService(mapper(), publisher).ingest(new IngestLogsCommand(TWO_SESSIONS));

        assertInstanceOf(IngestResult.RetryLater.class, result);
        assertTrue(((IngestResult.RetryLater) result).reason().contains("bug"));
    }

    @Test
    void exportWithNothingToForward_isSuccessWithoutPublishing() {
        PublishTelemetryPort publisher = mock(PublishTelemetryPort.class);

        IngestResult result = new IngestLogsService(mapper(), publisher).ingest(new IngestLogsCommand(
                Otlp.logs(Otlp.resource("not-claude"), List.of(event(T, attrs("event.name", "x"))))));

        assertInstanceOf(IngestResult.Success.class, result);
        verify(publisher, never()).publish(any());
    }
}
