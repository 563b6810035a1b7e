package dev.ccotel.ports.service.ingest;

import dev.ccotel.domain.ExportGroups;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/** Warns once per connection whose exports carry no {@code session.id}, naming the variable that causes it. */
final class SyntheticSessionWarning {
    private static final System.Logger LOG = System.getLogger(SyntheticSessionWarning.class.getName());
    /** Origins remembered; a daemon that sees more connections than this may warn about one twice. */
    private static final int MAX_REMEMBERED = 4_096;

    private final Map<String, Boolean> warned = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    void check(ExportGroups groups) {
        groups.syntheticSessionId().ifPresent(id -> {
            synchronized (warned) {
                if (warned.put(groups.origin(), Boolean.TRUE) != null) {
                    return;
                }
            }
            LOG.log(Level.WARNING, "exports over connection " + (groups.origin().isEmpty() ? "(none)" : groups.origin())
                    + " carry no session.id (Claude Code leaves it out of metrics and events when "
                    + "OTEL_METRICS_INCLUDE_SESSION_ID=false); ccotel keeps them as session " + id
                    + ", one per connection. Unset OTEL_METRICS_INCLUDE_SESSION_ID (or set it to true) to get "
                    + "Claude Code's own sessions");
        });
    }
}
