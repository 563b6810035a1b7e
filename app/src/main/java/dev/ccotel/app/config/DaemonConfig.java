package dev.ccotel.app.config;

import static dev.ccotel.app.config.ConfigKeys.*;

import dev.ccotel.adapter.grpc.GrpcReceiverConfig;
import dev.ccotel.adapter.http.HttpOutConfig;
import dev.ccotel.adapter.http.SpoolConfig;
import dev.ccotel.domain.MappingOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One typed config record per part of the daemon, read once from {@link Settings} and validated at
 * start-up. The adapters' own records check their values and name the key in every message.
 *
 * @param backend empty for {@code --dry-run}, which needs no backend and no token
 */
public record DaemonConfig(GrpcReceiverConfig receiver, Optional<HttpOutConfig> backend, MappingOptions mapping,
        int maxSessions, Duration sessionIdleTimeout) {

    public static DaemonConfig from(Settings s, Map<String, String> environment, String version, String host,
            boolean dryRun) {
        try {
            GrpcReceiverConfig receiver = new GrpcReceiverConfig(
                    s.string(RECEIVER_HOST),
                    s.integer(RECEIVER_PORT, 0, 65_535),
                    (int) Math.min(Integer.MAX_VALUE, s.bytes(RECEIVER_MAX_MESSAGE_BYTES)),
                    s.integer(RECEIVER_MAX_CONCURRENT_CALLS, 1, 100_000),
                    s.duration(RECEIVER_SHUTDOWN_GRACE));
            MappingOptions mapping = new MappingOptions(host, s.bool(PRIVACY_FORWARD_PROMPTS),
                    s.bool(PRIVACY_FORWARD_TOOL_INPUT));
            // Built for --dry-run too, so that it refuses every value the real daemon would; only the token may be unset.
            HttpOutConfig checked = backend(s, environment, version, !dryRun);
            Optional<HttpOutConfig> backend = dryRun ? Optional.empty() : Optional.of(checked);
            return new DaemonConfig(receiver, backend, mapping, s.integer(SESSIONS_MAX, 1, 10_000_000),
                    positive(SESSIONS_IDLE_TIMEOUT, s.duration(SESSIONS_IDLE_TIMEOUT)));
        } catch (IllegalArgumentException e) {
            throw new ConfigError(e.getMessage(), e); // the adapters' records name the key
        }
    }

    private static HttpOutConfig backend(Settings s, Map<String, String> environment, String version,
            boolean tokenRequired) {
        String token = s.string(BACKEND_TOKEN);
        if (token.isBlank() && !tokenRequired) {
            token = "not-needed-for-a-dry-run"; // stands in so the other backend values are still checked
        } else if (token.isBlank()) {
            throw new ConfigError(BACKEND_TOKEN + " is not set: put it in " + s.file().orElse(XdgDirs.configFile(environment))
                    + " (backend: {token: ...}) or export " + ConfigKeys.environmentVariable(BACKEND_TOKEN)
                    + "; or run 'ccotel daemon --dry-run' to see the requests without a backend");
        }
        SpoolConfig spool = s.bool(DELIVERY_SPOOL_ENABLED)
                ? new SpoolConfig(true, spoolDir(s, environment), s.bytes(DELIVERY_SPOOL_MAX_BYTES),
                        s.duration(DELIVERY_SPOOL_MAX_AGE))
                : SpoolConfig.disabled();
        return new HttpOutConfig(s.string(BACKEND_URL), token, s.duration(BACKEND_TIMEOUT), version,
                s.duration(DELIVERY_RETRY_BUDGET), spool);
    }

    private static Path spoolDir(Settings s, Map<String, String> environment) {
        String dir = s.string(DELIVERY_SPOOL_DIR);
        return dir.isBlank() ? XdgDirs.spoolDir(environment) : Path.of(dir);
    }

    private static Duration positive(String key, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new ConfigError(key + " must be positive, got " + d);
        }
        return d;
    }
}
