package dev.ccotel.adapter.httpin.listener;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Refuses, before any route, a request not addressed to this listener by one of its own names, or one
 * that a page of a foreign origin sent. This is the defence against DNS rebinding: a page on
 * {@code attacker.example} whose name the attacker re-points at 127.0.0.1 is same-origin with the
 * daemon in the browser's eyes, but its requests still say {@code Host: attacker.example:4318}. As a
 * routing filter it guards every route, including those added later, without their doing anything.
 *
 * <p>The answer is 403, not 421 Misdirected Request: the refusal is a policy, and 421 invites a retry
 * on another connection, which an OTLP exporter would not do and a rebinding page must not be
 * encouraged to. No CORS headers are sent, so a cross-origin page cannot read even the refusal.
 */
public final class HostGuard implements Filter {
    private static final System.Logger LOG = System.getLogger(HostGuard.class.getName());

    private final ListenerAuthority authority;
    private final IntSupplier port;
    private final long maxDiscardBytes;
    private final PacedWarning warning;

    /**
     * @param port            the bound port, asked per request since it is known only once the listener has started
     * @param maxDiscardBytes the most of a refused request's body read and dropped (the listener's message bound)
     */
    public HostGuard(ListenerAuthority authority, IntSupplier port, long maxDiscardBytes, Clock clock) {
        this.authority = Objects.requireNonNull(authority, "authority");
        this.port = Objects.requireNonNull(port, "port");
        this.maxDiscardBytes = maxDiscardBytes;
        this.warning = new PacedWarning(LOG, clock);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> refusal = refusal(req.headers(), port.getAsInt());
        if (refusal.isEmpty()) {
            chain.proceed();
            return;
        }
        warning.warn("refused " + req.prologue().method().text() + " " + req.path().path() + " on the OTLP/HTTP "
                + "listener: " + refusal.get() + ". A web page (DNS rebinding), a proxy, or an exporter pointed at "
                + "another name sent it; local exporters address " + authority.names() + " with port " + port.getAsInt());
        discardBody(req);
        res.status(403)
                .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .header(HeaderValues.CONNECTION_CLOSE)
                .send("403 Forbidden: " + refusal.get() + "\n");
    }

    /**
     * Reads the refused request's body and drops it. Helidon 4.5 does not close a connection when the answer
     * says {@code Connection: close} and the body is unread: it parses the body as the next request and logs
     * an error with a stack trace for each, one line per refusal, which the paced warning exists to avoid.
     * Past the bound the rest stays unread (and that one case may be logged by Helidon).
     */
    private void discardBody(RoutingRequest req) {
        if (!req.content().hasEntity()) {
            return;
        }
        byte[] buffer = new byte[8192];
        long read = 0;
        try (InputStream in = req.content().inputStream()) {
            for (int n; read <= maxDiscardBytes && (n = in.read(buffer)) != -1; ) {
                read += n;
            }
        } catch (IOException | UncheckedIOException clientWentAway) {
            // nothing to drop any more
        }
    }

    /** Why the request is refused, or empty when it is addressed to this listener from no foreign origin. */
    Optional<String> refusal(Headers headers, int boundPort) {
        String host = headers.first(HeaderNames.HOST).orElse("");
        if (!authority.accepts(host, boundPort)) {
            return Optional.of("Host '" + printable(host) + "' is not this listener");
        }
        for (String origin : headers.values(HeaderNames.ORIGIN)) {
            if (!authority.acceptsOrigin(origin, boundPort)) {
                return Optional.of("Origin '" + printable(origin) + "' is foreign");
            }
        }
        return Optional.empty();
    }

    /** Header text goes into a log line and a reply: bounded, and without control characters. */
    private static String printable(String value) {
        String v = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        return v.replaceAll("\\p{Cntrl}", "?");
    }
}
