package dev.ccotel.adapter.httpin.listener;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The names a request may address this listener by: its loopback names and, when it is configured on
 * another address, that address as written. A page on a DNS-rebinding domain reaches 127.0.0.1 under
 * the attacker's name, so its {@code Host} (and, for a cross-site request, its {@code Origin}) is
 * not among these. Pure matching on text: no name is ever resolved here, since resolving is what the
 * attacker controls.
 *
 * <p>The OTLP/gRPC adapter checks {@code :authority} with a twin of this class: adapters may not depend
 * on each other, and the core may not know {@code java.net}, so the few lines live twice.
 */
public final class ListenerAuthority {
    /** What every local client may write; exporters write one of these with the port. */
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9a-f:.]+]");

    private final Set<String> names;

    private ListenerAuthority(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /**
     * @param configuredHost the listener's {@code host} as configured: added to the loopback names; a
     *                       wildcard (0.0.0.0, ::) adds the literal addresses of this machine's interfaces,
     *                       since clients reach such a listener by one of those
     */
    public static ListenerAuthority of(String configuredHost) {
        Set<String> names = new TreeSet<>();
        LOOPBACK.forEach(n -> names.add(canonical(n)));
        String host = configuredHost.strip().toLowerCase(Locale.ROOT);
        // The configured address is what ccotel status connects to, a wildcard included (it reaches this machine).
        names.add(canonical(bracketed(host)));
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            names.addAll(interfaceLiterals());
        }
        return new ListenerAuthority(names);
    }

    /** The names accepted, for a refusal that says what would have been. */
    public Set<String> names() {
        return names;
    }

    /**
     * A {@code Host} or {@code :authority} value: one of the names, with this listener's port. Without a
     * port only when the port is 80, since that is what an absent port means (RFC 9110 section 4.2.1);
     * OTLP exporters always send host:port.
     */
    public boolean accepts(String authority, int port) {
        if (authority == null) {
            return false;
        }
        String a = authority.strip().toLowerCase(Locale.ROOT);
        int colon = a.lastIndexOf(':');
        boolean hasPort = colon > a.lastIndexOf(']');
        String name = canonical(hasPort ? a.substring(0, colon) : a);
        if (!names.contains(name)) {
            return false;
        }
        return hasPort ? a.substring(colon + 1).equals(Integer.toString(port)) : port == 80;
    }

    /**
     * An {@code Origin} value: {@code http://} and an accepted authority. {@code null} (sandboxed frames,
     * file pages, redirects) and https (this listener speaks plain http) are foreign.
     */
    public boolean acceptsOrigin(String origin, int port) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.startsWith("http://") && accepts(o.substring("http://".length()), port);
    }

    /**
     * One spelling per IPv6 address ({@code [::1]} and {@code [0:0:0:0:0:0:0:1]} are one listener). Only
     * text that is already a literal is parsed, so this never turns into a DNS query.
     */
    private static String canonical(String name) {
        if (!IPV6_LITERAL.matcher(name).matches()) {
            return name;
        }
        try {
            return "[" + InetAddress.getByName(name.substring(1, name.length() - 1)).getHostAddress() + "]";
        } catch (UnknownHostException notAnAddress) {
            return name;
        }
    }

    /** An IPv6 literal as it appears in a Host header. */
    private static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static Set<String> interfaceLiterals() {
        Set<String> literals = new TreeSet<>();
        try {
            NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                    .map(InetAddress::getHostAddress)
                    .map(a -> a.contains("%") ? a.substring(0, a.indexOf('%')) : a) // no zone id in a Host header
                    .map(ListenerAuthority::bracketed)
                    .map(ListenerAuthority::canonical)
                    .forEach(literals::add);
        } catch (SocketException e) {
            return literals; // the loopback names still work
        }
        return literals;
    }
}
