package dev.ccotel.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GrpcReceiverConfigTest {
    private static final int MIB4 = 4 * 1024 * 1024;

    @Test
    void defaults_listenOnLoopbackOnTheOtlpPort() {
        GrpcReceiverConfig defaults = GrpcReceiverConfig.defaults();

        assertEquals("127.0.0.1", defaults.host());
        assertEquals(4317, defaults.port());
        assertEquals(MIB4, defaults.maxInboundMessageBytes());
        assertEquals(64, defaults.maxConcurrentCalls());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("receiver.host", () -> new GrpcReceiverConfig(" ", 4317, MIB4, 64, Duration.ZERO)),
                bad("receiver.port", () -> new GrpcReceiverConfig("127.0.0.1", -1, MIB4, 64, Duration.ZERO)),
                bad("receiver.port", () -> new GrpcReceiverConfig("127.0.0.1", 65_536, MIB4, 64, Duration.ZERO)),
                bad("receiver.max-message-bytes", () -> new GrpcReceiverConfig("127.0.0.1", 4317, 0, 64, Duration.ZERO)),
                bad("receiver.max-concurrent-calls", () -> new GrpcReceiverConfig("127.0.0.1", 4317, MIB4, 0, Duration.ZERO)),
                bad("receiver.shutdown-grace", () -> new GrpcReceiverConfig("127.0.0.1", 4317, MIB4, 64, Duration.ofSeconds(-1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void badValue_isRefusedNamingItsKey(String key, Supplier<GrpcReceiverConfig> config) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, config::get);

        assertTrue(failure.getMessage().startsWith(key + " "), failure.getMessage());
    }

    private static Arguments bad(String key, Supplier<GrpcReceiverConfig> config) {
        return Arguments.of(key, config);
    }
}
