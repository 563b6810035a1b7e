package dev.ccotel.ports.out;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ccotel.domain.model.Session;
import dev.ccotel.domain.model.SessionUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodeTelemetryPortTest {
    @Test
    void notSent_keepsTheSessionAndTheCount_withAnEmptyBody() {
        SessionUpdate update = new SessionUpdate("host", "project", new Session("s-1",
                dev.ccotel.domain.model.SessionIdentity.EMPTY, java.time.Instant.EPOCH,
                dev.ccotel.domain.model.SessionTotals.ZERO), List.of(), List.of());

        EncodedRequest encoded = EncodeTelemetryPort.NOT_SENT.encode(update);

        assertEquals("s-1", encoded.sessionId());
        assertEquals(update.itemCount(), encoded.itemCount());
        assertEquals(0, encoded.body().length);
    }
}
