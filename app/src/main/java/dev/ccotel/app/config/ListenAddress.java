package dev.ccotel.app.config;

/** Where a client on this machine reaches a listener configured on {@code host}. */
public final class ListenAddress {
    private ListenAddress() {
    }

    /**
     * {@code host:port} to send to: a wildcard listen address is no address to send to, so it is loopback;
     * an IPv6 address gets its brackets.
     */
    public static String reachable(String host, int port) {
        String to = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1"
                : host.contains(":") ? "[" + host + "]" : host;
        return to + ":" + port;
    }
}
