package dev.ccotel.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.fixtures.Fixtures;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gRPC listener answers only calls whose :authority is its own name with its port. */
class AuthorityGuardTest {
    private static <T> T on(RunningReceiver receiver, String authority, java.util.function.Function<ManagedChannel, T> call)
            throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", receiver.server.port()).usePlaintext()
                .overrideAuthority(authority.replace("PORT", Integer.toString(receiver.server.port()))).build();
        try {
            return call.apply(channel);
        } finally {
            channel.shutdownNow().awaitTermination(20, TimeUnit.SECONDS);
        }
    }

    private static Object export(ManagedChannel channel) {
        return LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                .export(Fixtures.pbLogs("bash-tool"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"attacker.example:PORT", "127.0.0.1:1", "localhost", "127.0.0.1.nip.io:PORT"})
    void aCallToAnotherName_isPermissionDenied_andReachesNoUseCase(String authority) throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningReceiver receiver = RunningReceiver.start(ingest)) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> on(receiver, authority, AuthorityGuardTest::export));

            assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("is not this listener"), e.getStatus().toString());
            assertTrue(ingest.logs().isEmpty());
            assertFalse(receiver.logs().export(Fixtures.pbLogs("bash-tool")) == null, "its own name still works");
            assertEquals(1, ingest.logs().size());
        }
    }

    @Test
    void theHealthServiceIsGuardedToo() throws Exception {
        try (RunningReceiver receiver = RunningReceiver.start(ScriptedIngest.accepting())) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> on(receiver,
                    "attacker.example:PORT", c -> HealthGrpc.newBlockingStub(c).withDeadlineAfter(20, TimeUnit.SECONDS)
                            .check(HealthCheckRequest.getDefaultInstance())));

            assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:PORT", "localhost:PORT", "[::1]:PORT"})
    void loopbackNamesWithThePort_areServed(String authority) throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningReceiver receiver = RunningReceiver.start(ingest)) {
            on(receiver, authority, AuthorityGuardTest::export);

            assertEquals(1, ingest.logs().size());
        }
    }
}
