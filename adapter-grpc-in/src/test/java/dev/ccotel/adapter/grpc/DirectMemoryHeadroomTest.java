package dev.ccotel.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DirectMemoryHeadroomTest {
    private static final long MIB = 1024 * 1024;
    private static final GrpcReceiverConfig DEFAULTS = GrpcReceiverConfig.defaults();

    @Test
    void defaults_needTwiceTheMessagesInFlight_andAWindowPerWaitingCall_768MiB() {
        assertEquals(Optional.empty(), DirectMemoryHeadroom.shortfall(DEFAULTS, 768 * MIB));
        assertTrue(DirectMemoryHeadroom.shortfall(DEFAULTS, 768 * MIB - 1).isPresent());
    }

    @Test
    void shortfall_namesBothKeysTheNeedAndTheLimit() {
        String warning = DirectMemoryHeadroom.shortfall(DEFAULTS, 247 * MIB).orElseThrow();

        assertTrue(warning.contains("receiver.max-concurrent-calls 64"), warning);
        assertTrue(warning.contains("receiver.max-message-bytes 4194304"), warning);
        assertTrue(warning.contains("up to 768 MiB"), warning);
        assertTrue(warning.contains("allows 247 MiB"), warning);
    }

    @Test
    void lowerBounds_fitASmallHeap() {
        GrpcReceiverConfig small = new GrpcReceiverConfig("127.0.0.1", 4317, 4 * (int) MIB, 16, Duration.ZERO);

        assertEquals(Optional.empty(), DirectMemoryHeadroom.shortfall(small, 247 * MIB));
    }

    @Test
    void unknownLimit_claimsNothing() {
        assertEquals(Optional.empty(), DirectMemoryHeadroom.shortfall(DEFAULTS, -1));
        assertEquals(Optional.empty(), DirectMemoryHeadroom.shortfall(DEFAULTS, 0));
    }

    @Test
    void largestBounds_doNotOverflow() {
        GrpcReceiverConfig huge = new GrpcReceiverConfig("127.0.0.1", 4317, Integer.MAX_VALUE, Integer.MAX_VALUE,
                Duration.ZERO);

        assertTrue(DirectMemoryHeadroom.shortfall(huge, Long.MAX_VALUE / 2).isPresent());
    }
}
