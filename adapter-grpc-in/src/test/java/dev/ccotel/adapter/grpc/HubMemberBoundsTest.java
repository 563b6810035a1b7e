package dev.ccotel.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.ports.in.IngestAsMemberUseCase;
import dev.ccotel.ports.in.IngestLogsUseCase;
import dev.ccotel.ports.in.IngestMetricsUseCase;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.in.IngestTracesUseCase;
import dev.ccotel.ports.model.Member;
import dev.ccotel.ports.service.hub.MemberQuota;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hub's per-member bounds over real gRPC on a free loopback port: after the token check, one
 * member over their share is refused RESOURCE_EXHAUSTED naming the bound, and the others go on.
 */
class HubMemberBoundsTest {
    private static final Member ADA = new Member(1, "ada", Instant.EPOCH);
    private static final Member BOB = new Member(2, "bob", Instant.EPOCH);
    private static final Map<String, Member> TOKENS = Map.of("ccotel_hub_ada", ADA, "ccotel_hub_bob", BOB);

    private final BlockingIngest adasExports = new BlockingIngest();
    private HubGrpcServer hub;
    private ManagedChannel channel;

    @AfterEach
    void stop() throws InterruptedException {
        adasExports.release();
        if (channel != null) {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aMembersCallsInFlight_areBounded_withResourceExhaustedNamingTheBound_andTheOthersGoOn() throws Exception {
        start(new MemberQuota(1, 0, System::nanoTime));
        CompletableFuture<ExportLogsServiceResponse> first = CompletableFuture.supplyAsync(() -> export("ada"));
        adasExports.awaitHeld(1); // her first call is inside the use case: it holds her one place

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> export("ada"));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().contains("1 request at once")
                && refused.getStatus().getDescription().contains("hub.max-concurrent-per-member"),
                refused.getStatus().getDescription());
        export("bob"); // not held up by ada

        adasExports.release();
        first.get(30, TimeUnit.SECONDS);
        export("ada"); // her place is free again once her first call ended (released before its status went out)
    }

    @Test
    void aMembersCallsASecond_areBounded_withResourceExhaustedNamingTheBound() {
        adasExports.release(); // nothing is held in this test
        // A clock that stands still: the bucket of two seconds' worth never refills, whatever the machine's speed.
        start(new MemberQuota(16, 1, () -> 0L));
        export("ada");
        export("ada");
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> export("ada"));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().contains("1 request a second")
                && refused.getStatus().getDescription().contains("hub.max-requests-per-second"),
                refused.getStatus().getDescription());
        export("bob");
    }

    @Test
    void aCallWithoutAMembersToken_takesNoPlaceInTheMembersShare() {
        adasExports.release();
        start(new MemberQuota(1, 0, System::nanoTime));
        for (int i = 0; i < 3; i++) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> export("eve"));
            assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
        }
        export("ada");
        export("ada");
    }

    private void start(MemberQuota quota) {
        IngestAsMemberUseCase otlp = new IngestAsMemberUseCase() {
            @Override
            public IngestLogsUseCase logs(Member member) {
                return member.equals(ADA) ? adasExports : command -> new IngestResult.Success();
            }

            @Override
            public IngestMetricsUseCase metrics(Member member) {
                return command -> new IngestResult.Success();
            }

            @Override
            public IngestTracesUseCase traces(Member member) {
                return command -> new IngestResult.Success();
            }
        };
        hub = new HubGrpcServer(new HubGrpcConfig("127.0.0.1", 0, 4 * 1024 * 1024, 64, Optional.empty(),
                Optional.empty()), token -> Optional.ofNullable(TOKENS.get(token)), quota, otlp).start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", hub.port()).usePlaintext().build();
    }

    private ExportLogsServiceResponse export(String member) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer ccotel_hub_" + member);
        return LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .export(Fixtures.pbLogs("write-file"));
    }
}
