package dev.ccotel.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The waiting call's hand-over, without a transport: what gRPC may do on the thread that starts a call. */
class ConcurrencyLimitTest {
    private final ExecutorService waiters = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        waiters.shutdownNow();
    }

    @Test
    void aMessageDeliveredWhileTheWaitingCallStarts_reachesItsHandler_beforeTheHalfClose() throws Exception {
        ConcurrencyLimit limit = new ConcurrencyLimit(1, waiters);
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicReference<ServerCall<String, String>> first = new AtomicReference<>();
        limit.interceptCall(new FakeCall(), new Metadata(), (call, headers) -> {
            first.set(call); // the call as the handler sees it: closing it gives the place back
            return new ServerCall.Listener<>() {};
        });

        FakeCall second = new FakeCall();
        AtomicReference<ServerCall.Listener<String>> waiting = new AtomicReference<>();
        // As gRPC may: the handler asks for its message while it starts, and the message comes at once,
        // on the same thread, before startCall has returned the handler's listener.
        ServerCallHandler<String, String> handler = (call, headers) -> {
            call.request(1);
            waiting.get().onMessage("export");
            waiting.get().onHalfClose();
            return new ServerCall.Listener<>() {
                @Override
                public void onMessage(String message) {
                    seen.add("message " + message);
                }

                @Override
                public void onHalfClose() {
                    seen.add("half-close");
                }
            };
        };
        waiting.set(Context.ROOT.call(() -> limit.interceptCall(second, new Metadata(), handler)));
        assertEquals(1, limit.waiting());

        first.get().close(Status.OK, new Metadata()); // gives its place to the waiting call

        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); seen.size() < 2; Thread.sleep(5)) {
            assertTrue(System.nanoTime() < end, "the handler saw " + seen);
        }
        assertEquals(List.of("message export", "half-close"), seen);
        assertEquals(0, limit.waiting());
    }

    /** A call that only records what the interceptor and the handler do with it. */
    private static final class FakeCall extends ServerCall<String, String> {
        private static final MethodDescriptor.Marshaller<String> TEXT = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(String value) {
                return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public String parse(InputStream stream) {
                throw new UnsupportedOperationException();
            }
        };
        private final AtomicReference<Status> closed = new AtomicReference<>();

        @Override
        public void request(int numMessages) {
        }

        @Override
        public void sendHeaders(Metadata headers) {
        }

        @Override
        public void sendMessage(String message) {
        }

        @Override
        public void close(Status status, Metadata trailers) {
            closed.set(status);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public MethodDescriptor<String, String> getMethodDescriptor() {
            return MethodDescriptor.<String, String>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName("test/Export").setRequestMarshaller(TEXT).setResponseMarshaller(TEXT).build();
        }
    }
}
