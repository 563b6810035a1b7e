package dev.ccotel.adapter.grpc;

import dev.ccotel.ports.in.IngestLogsUseCase;
import dev.ccotel.ports.in.IngestMetricsUseCase;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.in.IngestTracesUseCase;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A started receiver on 127.0.0.1:0 and a real plaintext channel to it. */
final class RunningReceiver implements AutoCloseable {
    /** Generous: only there so a broken test fails instead of hanging. */
    private static final long DEADLINE_SECONDS = 20;

    static final IngestTracesUseCase ACCEPT_TRACES = command -> new IngestResult.Success();

    final OtlpGrpcServer server;
    final ManagedChannel channel;

    private RunningReceiver(OtlpGrpcServer server) {
        this.server = server;
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    static GrpcReceiverConfig localConfig() {
        return new GrpcReceiverConfig("127.0.0.1", 0, GrpcReceiverConfig.DEFAULT_MAX_INBOUND_MESSAGE_BYTES,
                GrpcReceiverConfig.DEFAULT_MAX_CONCURRENT_CALLS, Duration.ofSeconds(10));
    }

    static <T extends IngestMetricsUseCase & IngestLogsUseCase> RunningReceiver start(T ingest) {
        return start(localConfig(), ingest);
    }

    static <T extends IngestMetricsUseCase & IngestLogsUseCase> RunningReceiver start(GrpcReceiverConfig config, T ingest) {
        return new RunningReceiver(new OtlpGrpcServer(config, ingest, ingest,
                ingest instanceof IngestTracesUseCase traces ? traces : ACCEPT_TRACES).start());
    }

    static RunningReceiver start(GrpcReceiverConfig config, IngestMetricsUseCase metrics, IngestLogsUseCase logs) {
        return new RunningReceiver(new OtlpGrpcServer(config, metrics, logs, ACCEPT_TRACES).start());
    }

    MetricsServiceGrpc.MetricsServiceBlockingStub metrics() {
        return MetricsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    LogsServiceGrpc.LogsServiceBlockingStub logs() {
        return LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    LogsServiceGrpc.LogsServiceFutureStub logsAsync() {
        return LogsServiceGrpc.newFutureStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    TraceServiceGrpc.TraceServiceBlockingStub traces() {
        return TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    HealthGrpc.HealthBlockingStub health() {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    /** Sends {@code body} as the request of {@code method} without protobuf in between, as a foreign client may. */
    byte[] sendRaw(MethodDescriptor<?, ?> method, byte[] body) {
        MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(method.getFullMethodName())
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
        return ClientCalls.blockingUnaryCall(channel, raw,
                CallOptions.DEFAULT.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS), body);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        channel.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS);
        server.close();
    }

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
}
