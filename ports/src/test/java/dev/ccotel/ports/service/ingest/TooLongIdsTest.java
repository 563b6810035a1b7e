package dev.ccotel.ports.service.ingest;

import static dev.ccotel.domain.fixtures.Otlp.attrs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.SessionLedger;
import dev.ccotel.domain.fixtures.Otlp;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import dev.ccotel.ports.fakes.RecordingEncoder;
import dev.ccotel.ports.fakes.RecordingPublisher;
import dev.ccotel.ports.in.IngestLogsCommand;
import dev.ccotel.ports.in.IngestResult;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What no state may keep (a megabyte session id) is refused, the exporter is told, and memory stays bounded. */
class TooLongIdsTest {
    private static final long T = 1_795_706_896_000_000_000L;

    @Test
    void megabyteSessionIds_areRefusedWithPartialSuccess_andTheLedgerKeepsNothingOfThem() {
        SessionLedger ledger = new SessionLedger(Clock.systemUTC());
        InMemorySessionStates states = new InMemorySessionStates(ledger);
        RecordingPublisher publisher = new RecordingPublisher();
        IngestLogsService service = new IngestLogsService(new ExportPipeline(
                new OtlpMapper(ledger, MappingOptions.privateByDefault("h")), states, new RecordingEncoder(),
                new PassthroughKeeper(publisher, states), Clock.systemUTC()));

        for (int i = 0; i < 20; i++) {
            String huge = Integer.toString(i) + "x".repeat(1_000_000);
            IngestResult result = service.ingest(new IngestLogsCommand(Otlp.logs(Otlp.claudeCode(), List.of(
                    Otlp.event(T, attrs("session.id", huge, "event.name", "user_prompt")),
                    Otlp.event(T, attrs("session.id", "ok-" + i, "event.name", "user_prompt"))))));

            assertEquals(new IngestResult.PartialSuccess(1, ExportPipeline.TOO_LONG), result);
        }
        assertEquals(20, ledger.size(), "only the sessions with sane ids");
        assertTrue(ledger.bytes() < 20 * 1_000, "ledger holds " + ledger.bytes() + " bytes");
        assertEquals(20, publisher.published().size());
    }
}
