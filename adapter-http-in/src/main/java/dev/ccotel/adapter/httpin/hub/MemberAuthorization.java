package dev.ccotel.adapter.httpin.hub;

import dev.ccotel.ports.in.IdentifyMemberUseCase;
import dev.ccotel.ports.model.Member;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who sent a request to the hub: {@code Authorization: CLI <token>} (what a daemon forwards with) or
 * {@code Bearer <token>} (what OTLP exporters are configured with). A request without a member's
 * token is answered 401 here and reaches no use case; the token itself is never logged.
 */
public final class MemberAuthorization {
    private static final System.Logger LOG = System.getLogger(MemberAuthorization.class.getName());

    private final IdentifyMemberUseCase members;

    public MemberAuthorization(IdentifyMemberUseCase members) {
        this.members = Objects.requireNonNull(members, "members");
    }

    /** The member, or empty after answering 401 (or 503 when the members cannot be read now). */
    public Optional<Member> member(ServerRequest req, ServerResponse res) {
        Optional<String> token = req.headers().first(HeaderNames.AUTHORIZATION).flatMap(MemberAuthorization::token);
        if (token.isEmpty()) {
            refuse(req, res, "no member token: send Authorization: Bearer <token> (or CLI <token>)");
            return Optional.empty();
        }
        Optional<Member> member;
        try {
            member = members.identify(token.get());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot check a member's token: " + e.getMessage());
            res.status(503).header(HeaderNames.RETRY_AFTER, "5").header(HeaderNames.CONTENT_TYPE, "application/json")
                    .send("{\"success\":false,\"message\":\"the hub cannot check tokens now; retry\"}");
            return Optional.empty();
        }
        if (member.isEmpty()) {
            refuse(req, res, "the token is not a member's, or was revoked");
        }
        return member;
    }

    /**
     * A person reading the team's dashboard in a browser: {@code Authorization: Basic} with any user name
     * and their token as the password, so the browser's own prompt asks for it. Empty after answering 401
     * with the challenge that makes the browser ask.
     */
    public Optional<Member> viewer(ServerRequest req, ServerResponse res) {
        Optional<String> token = req.headers().first(HeaderNames.AUTHORIZATION).flatMap(MemberAuthorization::basicPassword);
        Optional<Member> member = Optional.empty();
        try {
            member = token.flatMap(members::identify);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot check a member's token: " + e.getMessage());
        }
        if (member.isEmpty()) {
            res.status(401).header(HeaderNames.WWW_AUTHENTICATE, "Basic realm=\"ccotel hub: your member token as the"
                    + " password\", charset=\"UTF-8\"").header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .send("the team's dashboard is for members: any user name, your member token as the password\n");
        }
        return member;
    }

    static Optional<String> basicPassword(String authorization) {
        String value = authorization.strip();
        if (!value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(java.util.Base64.getDecoder().decode(value.substring(6).strip()),
                    java.nio.charset.StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 || colon == decoded.length() - 1 ? Optional.empty()
                    : Optional.of(decoded.substring(colon + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    static Optional<String> token(String authorization) {
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
        String token = value.substring(space + 1).strip();
        return (scheme.equals("cli") || scheme.equals("bearer")) && !token.isEmpty() ? Optional.of(token)
                : Optional.empty();
    }

    private static void refuse(ServerRequest req, ServerResponse res, String why) {
        LOG.log(System.Logger.Level.INFO, "refused {0} {1} from {2}: {3}", req.prologue().method().text(),
                req.path().path(), req.remotePeer().host(), why);
        res.status(401).header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"ccotel hub\"")
                .send("{\"success\":false,\"message\":\"" + why + "\"}");
    }
}
