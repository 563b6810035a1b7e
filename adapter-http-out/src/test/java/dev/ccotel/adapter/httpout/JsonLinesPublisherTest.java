package dev.ccotel.adapter.httpout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.ccotel.adapter.httpout.wire.BackendJson;
import dev.ccotel.ports.out.PublishOutcome.Accepted;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonLinesPublisherTest {
    @Test
    void eachRequest_isPrintedAsOneJsonLineAndAccepted() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonLinesPublisher publisher = new JsonLinesPublisher(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertInstanceOf(Accepted.class, publisher.publish(BackendJson.encode(Requests.everyField())));
        assertInstanceOf(Accepted.class, publisher.publish(BackendJson.encode(Requests.bare("s2"))));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertEquals(3, lines.length);
        assertEquals("", lines[2], "every line ends with \\n");
        assertEquals(BackendJson.toJsonString(Requests.everyField()), lines[0]);
        assertEquals(BackendJson.toJsonString(Requests.bare("s2")), lines[1]);
    }
}
