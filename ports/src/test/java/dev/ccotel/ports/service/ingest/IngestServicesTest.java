package dev.ccotel.ports.service.ingest;

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
import dev.ccotel.domain.SessionLedger;
import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.fixtures.Otlp;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import dev.ccotel.ports.fakes.RecordingEncoder;
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

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final SessionLedger ledger = new SessionLedger(CLOCK);
    private final RecordingEncoder encoder = new RecordingEncoder();

    /** Passthrough wiring: the publisher is posted to inside the call, states live in the ledger. */
    private ExportPipeline passthrough(PublishTelemetryPort publisher) {
        InMemorySessionStates states = new InMemorySessionStates(ledger);
        return new ExportPipeline(new OtlpMapper(ledger, MappingOptions.privateByDefault("h")), states, encoder,
                new PassthroughKeeper(publisher, states), CLOCK);
    }

    @Test
    void everySessionAccepted_isSuccess_andEachSessionIsPublishedOnce() {
        RecordingPublisher publisher = new RecordingPublisher();

        IngestResult result = new IngestLogsService(passthrough(publisher)).ingest(new IngestLogsCommand(TWO_SESSIONS));

        assertInstanceOf(IngestResult.Success.class, result);
        assertEquals(List.of("a", "b"), publisher.published().stream().map(r -> r.sessionId()).toList());
    }

    @Test
    void fixtureMetricsExport_isPublishedAsOneRequest() {
        RecordingPublisher publisher = new RecordingPublisher();

        IngestResult result = new IngestMetricsService(passthrough(publisher))
                .ingest(new IngestMetricsCommand(Fixtures.pbMetrics("write-file")));

        assertInstanceOf(IngestResult.Success.class, result);
        assertEquals(1, publisher.published().size());
        assertEquals(3, encoder.requestOf(publisher.published().get(0)).session().totals().linesAdded());
    }

    @Test
    void backendRefusedOneSession_isPartialSuccessWithItsCount() {
        ScriptedPublisher publisher = new ScriptedPublisher(
                new PublishOutcome.Accepted(), new PublishOutcome.Rejected(2, "HTTP 400: bad session"));

        IngestResult result = new IngestLogsService(passthrough(publisher)).ingest(new IngestLogsCommand(TWO_SESSIONS));

        assertEquals(new IngestResult.PartialSuccess(2, "HTTP 400: bad session"), result);
    }

    @Test
    void anySessionToRetry_makesTheWholeExportRetryLater_withTheLongestDelay() {
        ScriptedPublisher publisher = new ScriptedPublisher(
                new PublishOutcome.RetryLater("HTTP 429", Optional.of(Duration.ofSeconds(2))),
                new PublishOutcome.RetryLater("HTTP 503", Optional.of(Duration.ofSeconds(7))));

        IngestResult result = new IngestLogsService(passthrough(publisher)).ingest(new IngestLogsCommand(TWO_SESSIONS));

        assertEquals(new IngestResult.RetryLater("HTTP 429; HTTP 503", Optional.of(Duration.ofSeconds(7))), result);
        assertEquals(2, publisher.calls().size(), "every session is still tried at once");
    }

    @Test
    void retryWinsOverRejection_soTheExporterSendsAgain() {
        ScriptedPublisher publisher = new ScriptedPublisher(
                new PublishOutcome.Rejected(1, "HTTP 400"), new PublishOutcome.RetryLater("timeout", Optional.empty()));

        IngestResult result = new IngestLogsService(passthrough(publisher)).ingest(new IngestLogsCommand(TWO_SESSIONS));

        assertInstanceOf(IngestResult.RetryLater.class, result);
    }

    @Test
    void publisherThatThrows_isTreatedAsRetryLater() {
        PublishTelemetryPort publisher = mock(PublishTelemetryPort.class);
        when(publisher.publish(any())).thenThrow(new IllegalStateException("bug"));

        IngestResult result = new IngestLogsService(passthrough(publisher)).ingest(new IngestLogsCommand(TWO_SESSIONS));

        assertInstanceOf(IngestResult.RetryLater.class, result);
        assertTrue(((IngestResult.RetryLater) result).reason().contains("bug"));
    }

    @Test
    void exportWithNothingToForward_isSuccessWithoutPublishing() {
        PublishTelemetryPort publisher = mock(PublishTelemetryPort.class);

        IngestResult result = new IngestLogsService(passthrough(publisher)).ingest(new IngestLogsCommand(
                Otlp.logs(Otlp.resource("not-claude"), List.of(event(T, attrs("event.name", "x"))))));

        assertInstanceOf(IngestResult.Success.class, result);
        verify(publisher, never()).publish(any());
    }
    @Test
    void exportTheBackendCouldNotTake_leavesTheStatesAsTheyWere_soItsRetryCountsOnce() {
        ScriptedPublisher publisher = new ScriptedPublisher(
                new PublishOutcome.RetryLater("HTTP 503", Optional.empty()),
                new PublishOutcome.RetryLater("HTTP 503", Optional.empty()),
                new PublishOutcome.Accepted());
        ExportPipeline pipeline = passthrough(publisher);

        assertInstanceOf(IngestResult.RetryLater.class, new IngestLogsService(pipeline).ingest(new IngestLogsCommand(TWO_SESSIONS)));
        assertTrue(ledger.session("b").isEmpty(), "nothing kept, so no state either");
        assertInstanceOf(IngestResult.Success.class, new IngestLogsService(pipeline).ingest(new IngestLogsCommand(TWO_SESSIONS)));

        assertEquals(1, ledger.session("b").orElseThrow().totals().apiRequests());
        assertEquals(1, encoder.requestOf(publisher.calls().get(3)).session().totals().prompts());
    }

    @Test
    void refusedToken_isRetryLaterInPassthrough_neverAPartialSuccess() {
        ScriptedPublisher publisher = new ScriptedPublisher(new PublishOutcome.TokenRefused("HTTP 401"));

        IngestResult result = new IngestLogsService(passthrough(publisher)).ingest(new IngestLogsCommand(TWO_SESSIONS));

        assertEquals(new IngestResult.RetryLater("HTTP 401; HTTP 401", Optional.empty()), result);
    }

    @Test
    void requestThatCannotBeEncoded_isRefusedAlone_theOtherSessionIsKept() {
        RecordingPublisher publisher = new RecordingPublisher();
        InMemorySessionStates states = new InMemorySessionStates(ledger);
        ExportPipeline pipeline = new ExportPipeline(new OtlpMapper(ledger, MappingOptions.privateByDefault("h")),
                states, request -> {
                    if (request.session().sessionId().equals("a")) {
                        throw new IllegalArgumentException("not encodable");
                    }
                    return encoder.encode(request);
                }, new PassthroughKeeper(publisher, states), CLOCK);

        IngestResult result = new IngestLogsService(pipeline).ingest(new IngestLogsCommand(TWO_SESSIONS));

        assertInstanceOf(IngestResult.PartialSuccess.class, result);
        assertEquals(1, ((IngestResult.PartialSuccess) result).rejected());
        assertEquals(List.of("b"), publisher.published().stream().map(r -> r.sessionId()).toList());
    }
}
