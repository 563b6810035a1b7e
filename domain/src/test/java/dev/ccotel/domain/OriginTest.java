package dev.ccotel.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OriginTest {
    @Test
    void originIsKeptAsGiven_whenShortAndPlain() {
        assertEquals("nosession-1796196861-grpc-7", Origin.syntheticSessionId(1_796_196_861L, "grpc-7"));
    }

    @Test
    void noOrigin_isTheInspectGroup() {
        assertEquals("nosession-5-inspect", Origin.syntheticSessionId(5, ""));
    }

    @Test
    void oddCharactersAreReplaced_andALongOriginIsCut_soTheIdStaysShortAndSafe() {
        String id = Origin.syntheticSessionId(5, "http-1/2 \u00e9\n" + "x".repeat(500));

        assertTrue(id.startsWith("nosession-5-http-1_2___"), id);
        assertEquals("nosession-5-".length() + Origin.MAX_ORIGIN, id.length());
        assertTrue(id.length() <= Limits.MAX_SESSION_ID);
    }
}
