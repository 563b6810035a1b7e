package dev.ccotel.adapter.grpc;

import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerTransportFilter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Names each client connection ({@code grpc-1}, {@code grpc-2}, ...), numbered as they are made, and
 * hands the name to the services through the call's context: records without a {@code session.id}
 * are grouped by it, since each Claude Code process exports over a connection of its own. A
 * number, not the client's address: ports are reused, numbers are not within one daemon run.
 */
final class ConnectionOrigin extends ServerTransportFilter implements ServerInterceptor {
    private static final Attributes.Key<String> TRANSPORT_ORIGIN = Attributes.Key.create("ccotel.origin");
    private static final Context.Key<String> CALL_ORIGIN = Context.key("ccotel.origin");

    private final AtomicLong connections = new AtomicLong();

    @Override
    public Attributes transportReady(Attributes transportAttrs) {
        return transportAttrs.toBuilder().set(TRANSPORT_ORIGIN, "grpc-" + connections.incrementAndGet()).build();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String origin = call.getAttributes().get(TRANSPORT_ORIGIN);
        return Contexts.interceptCall(Context.current().withValue(CALL_ORIGIN, origin == null ? "grpc" : origin),
                call, headers, next);
    }

    /** The origin of the call being served; empty outside one. */
    static String current() {
        String origin = CALL_ORIGIN.get();
        return origin == null ? "" : origin;
    }
}
