package dev.ccotel.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.adapter.httpout.wire.BackendJson;
import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.SessionLedger;
import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import dev.ccotel.ports.out.KeepTelemetryPort;
import dev.ccotel.ports.out.KeptExport;
import dev.ccotel.ports.out.KeepOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The activity log: a per-export line at DEBUG, one summary per interval at INFO, and nothing when idle. */
class ActivityLogTest {
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public synchronized void publish(LogRecord r) {
            if (r.getLoggerName().endsWith("ActivityLog")) {
                records.add(r);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Logger logger = Logger.getLogger(ActivityLog.class.getName());
    private Level before;

    @BeforeEach
    void capture() {
        before = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
        logger.setLevel(before);
    }

    private static KeptExport writeFile() {
        OtlpMapper mapper = new OtlpMapper(new SessionLedger(Clock.systemUTC()), MappingOptions.privateByDefault("h"));
        List<KeptExport.Request> requests = new ArrayList<>();
        for (SessionUpdate r : mapper.map(Fixtures.pbMetrics("write-file")).requests()) {
            requests.add(new KeptExport.Request(r, BackendJson.encode(r)));
        }
        return new KeptExport(requests, List.of());
    }

    private synchronized List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
    }

    @Test
    void eachExportIsOneDebugLine_andTheIntervalOneInfoLineWithItsSums_idleIntervalsSayNothing() throws Exception {
        try (ActivityLog log = new ActivityLog("stored", Duration.ofMillis(300))) {
            log.showForwarding(() -> 7);
            KeepTelemetryPort kept = log.around(export -> new KeepOutcome.Kept());
            kept.keep(writeFile());
            kept.keep(writeFile());
            log.forwarded(2, 0);

            Thread.sleep(1_000); // at least one interval with something, then at least two idle ones
        }
        List<String> debug = messages(Level.FINE);
        assertEquals(2, debug.size(), debug.toString());
        assertTrue(debug.get(0).contains("point(s): stored in"), debug.get(0));
        List<String> info = messages(Level.INFO);
        assertEquals(1, info.size(), "one summary, none for the idle intervals or at close: " + info);
        assertTrue(info.get(0).startsWith("last minute: 2 export(s), 1 session(s), 0 event(s)"), info.get(0));
        assertTrue(info.get(0).contains("$0.0207") && info.get(0).contains("stored 2, not taken 0; forwarded 2,"
                + " refused by the backend 0, 7 request(s) wait for the backend"), info.get(0));
    }

    @Test
    void withoutABackend_theSummarySaysNothingOfForwarding() throws Exception {
        try (ActivityLog log = new ActivityLog("stored", Duration.ofMillis(300))) {
            log.around(export -> new KeepOutcome.Kept()).keep(writeFile());
        }
        List<String> info = messages(Level.INFO);
        assertEquals(1, info.size(), info.toString());
        assertTrue(info.get(0).endsWith("stored 1, not taken 0"), info.get(0));
    }
}
