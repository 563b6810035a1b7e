package dev.ccotel.adapter.grpc;

import dev.ccotel.ports.in.IdentifyMemberUseCase;
import dev.ccotel.ports.model.Member;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Locale;
import java.util.Optional;

/**
 * The hub's gRPC calls, each attributed to the member whose token its {@code authorization} metadata
 * carries ({@code Bearer <token>}, as {@code OTEL_EXPORTER_OTLP_HEADERS} sends it, or {@code CLI <token>}).
 * A call without a member's token is closed UNAUTHENTICATED before any service sees it; the token is
 * never logged. The member rides in the call's context, as {@link ConnectionOrigin}'s name does.
 */
final class MemberCalls implements ServerInterceptor {
    private static final System.Logger LOG = System.getLogger(MemberCalls.class.getName());
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<Member> MEMBER = Context.key("ccotel.member");

    private final IdentifyMemberUseCase members;

    MemberCalls(IdentifyMemberUseCase members) {
        this.members = members;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        Optional<String> token = Optional.ofNullable(headers.get(AUTHORIZATION)).flatMap(MemberCalls::token);
        Optional<Member> member;
        try {
            member = token.flatMap(members::identify);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot check a member's token: " + e.getMessage());
            call.close(Status.UNAVAILABLE.withDescription("the hub cannot check tokens now; retry"), new Metadata());
            return new ServerCall.Listener<>() {};
        }
        if (member.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "refused a gRPC call to {0}: {1}", call.getMethodDescriptor()
                    .getFullMethodName(), token.isEmpty() ? "no member token" : "not a member's token, or revoked");
            call.close(Status.UNAUTHENTICATED.withDescription("send a member's token: authorization: Bearer <token>"),
                    new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return Contexts.interceptCall(Context.current().withValue(MEMBER, member.get()), call, headers, next);
    }

    /** The member of the call being served. */
    static Member current() {
        Member member = MEMBER.get();
        if (member == null) {
            throw new IllegalStateException("a hub call without a member: MemberCalls must intercept every service");
        }
        return member;
    }

    private static Optional<String> token(String authorization) {
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
        String token = value.substring(space + 1).strip();
        return (scheme.equals("bearer") || scheme.equals("cli")) && !token.isEmpty() ? Optional.of(token)
                : Optional.empty();
    }
}
