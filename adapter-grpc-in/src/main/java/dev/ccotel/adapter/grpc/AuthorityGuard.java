package dev.ccotel.adapter.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Refuses, with PERMISSION_DENIED, a call whose {@code :authority} is not one of this listener's own names
 * with its port: the rule the OTLP/HTTP listener applies to {@code Host}. A browser cannot speak gRPC, so
 * DNS rebinding cannot reach this port today; the rule costs one string comparison per call and keeps
 * "every listener answers only to its own name" true without an exception to remember. PERMISSION_DENIED
 * is not retryable for an OTLP exporter, which is right: sending again under the same name cannot help.
 */
final class AuthorityGuard implements ServerInterceptor {
    private static final System.Logger LOG = System.getLogger(AuthorityGuard.class.getName());
    /** A flood of refused calls must not become a flood of log lines. */
    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final ListenerAuthority authority;
    private final IntSupplier port;
    private final Clock clock;
    private Instant lastWarning;
    private long suppressed;

    /** @param port the bound port, asked per call since it is known only once the server has started */
    AuthorityGuard(ListenerAuthority authority, IntSupplier port, Clock clock) {
        this.authority = Objects.requireNonNull(authority, "authority");
        this.port = Objects.requireNonNull(port, "port");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String requested = call.getAuthority();
        if (authority.accepts(requested, port.getAsInt())) {
            return next.startCall(call, headers);
        }
        String shown = requested == null ? "(none)"
                : (requested.length() > 100 ? requested.substring(0, 100) + "..." : requested).replaceAll("\\p{Cntrl}", "?");
        warn("refused a call to " + call.getMethodDescriptor().getFullMethodName() + " on the OTLP/gRPC listener: "
                + ":authority '" + shown + "' is not this listener; local exporters address " + authority.names()
                + " with port " + port.getAsInt());
        call.close(Status.PERMISSION_DENIED.withDescription(":authority '" + shown + "' is not this listener"),
                new Metadata());
        return new ServerCall.Listener<>() {};
    }

    private synchronized void warn(String message) {
        Instant now = clock.instant();
        if (lastWarning != null && now.isBefore(lastWarning.plus(INTERVAL))) {
            suppressed++;
            return;
        }
        String more = suppressed == 0 ? "" : " (and " + suppressed + " more since the last such warning)";
        lastWarning = now;
        suppressed = 0;
        LOG.log(System.Logger.Level.WARNING, message + more);
    }
}
