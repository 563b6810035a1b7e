package dev.ccotel.adapter.grpc;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Answers INVALID_ARGUMENT, naming the defect, when a request body is not a valid protobuf message.
 * Left to itself grpc-java parses before any interceptor runs and reports the failure as
 * "UNKNOWN: Application error processing RPC", which blames the daemon and, for an OTLP exporter,
 * is retryable. So the service takes raw streams and the parse happens here, where it can be caught.
 * {@code useInputStreamMessages} is marked experimental (grpc-java#1712); WireFormatTest pins the
 * behaviour, so an upgrade that breaks it fails the build rather than the exporter.
 */
final class MalformedRequestGuard implements ServerInterceptor {
    private static final System.Logger LOG = System.getLogger(MalformedRequestGuard.class.getName());

    private MalformedRequestGuard() {}

    static ServerServiceDefinition guard(ServerServiceDefinition service) {
        return ServerInterceptors.intercept(ServerInterceptors.useInputStreamMessages(service),
                new MalformedRequestGuard());
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            // gRPC delivers one call's listener events one at a time, so a plain field is enough.
            private boolean rejected;

            @Override
            public void onMessage(Q message) {
                try {
                    super.onMessage(message);
                } catch (StatusRuntimeException parseFailure) {
                    rejected = true;
                    String method = call.getMethodDescriptor().getFullMethodName();
                    String defect = parseFailure.getCause() != null ? parseFailure.getCause().getMessage()
                            : parseFailure.getStatus().getDescription();
                    LOG.log(System.Logger.Level.WARNING, "rejected a malformed {0} request: {1}", method, defect);
                    call.close(Status.INVALID_ARGUMENT.withDescription(
                            "not a valid " + method + " request: " + defect), new Metadata());
                }
            }

            @Override
            public void onHalfClose() {
                // The unary handler would otherwise answer a second time, for a request it never got.
                if (!rejected) {
                    super.onHalfClose();
                }
            }
        };
    }
}
