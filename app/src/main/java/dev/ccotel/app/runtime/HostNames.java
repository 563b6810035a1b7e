package dev.ccotel.app.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/** The name of this machine, reported as {@code host} when the exporter does not send {@code host.name}. */
public final class HostNames {
    private HostNames() {}

    public static String local(Map<String, String> environment) {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String fromEnv = environment.getOrDefault("HOSTNAME", "");
            return fromEnv.isBlank() ? "unknown-host" : fromEnv;
        }
    }
}
