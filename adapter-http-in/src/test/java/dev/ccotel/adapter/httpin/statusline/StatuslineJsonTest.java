package dev.ccotel.adapter.httpin.statusline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.context.SessionContext;
import dev.ccotel.domain.fixtures.Captures2_1_332;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What Claude Code 2.1.332 really wrote on its statusline command's and SessionStart hook's stdin (fixtures' README). */
class StatuslineJsonTest {
    private static final Instant SEEN = Instant.parse("2026-12-07T10:00:00Z");
    private static final String GATEWAY = "statusline/gateway-rate-limits/";

    private static SessionContext read(String file) {
        return StatuslineJson.read(Captures2_1_332.bytes(file), SEEN);
    }

    @Test
    void aRefreshAfterTheWriteCarriesTheClientsFiguresAndTheLimits() {
        SessionContext c = read(GATEWAY + "1-first/statusline-05.json");
        assertEquals("457f0da1-7c23-4ba7-a26a-5811ceb142ae", c.sessionId());
        assertEquals(Optional.of("/tmp/fx/slwork/project"), c.projectDir());
        assertEquals(Optional.of("/tmp/fx/slwork/project"), c.cwd());
        assertEquals(Optional.of("Sonnet 4.5"), c.model());
        assertEquals(Optional.of("2.1.332"), c.appVersion());
        assertEquals(Optional.of(new SessionContext.ClientFigures(0.015547499999999999, 3, 0)), c.client());
        assertEquals(List.of(
                new SessionContext.RateLimit(SessionContext.Window.FIVE_HOUR, 42, Instant.ofEpochSecond(1796641189)),
                new SessionContext.RateLimit(SessionContext.Window.SEVEN_DAY, 17, Instant.ofEpochSecond(1797062389))),
                c.rateLimits());
        // Claude Code sends no branch, repository or worktree: they come from git
        assertEquals(Optional.empty(), c.branch());
        assertEquals(Optional.empty(), c.repo());
        assertEquals(Optional.empty(), c.worktree());
    }

    @Test
    void theFirstRefreshHasCostZeroAndNoLimits() {
        SessionContext c = read(GATEWAY + "1-first/statusline-01.json");
        assertEquals(Optional.of(new SessionContext.ClientFigures(0, 0, 0)), c.client());
        assertEquals(List.of(), c.rateLimits());
        assertEquals(List.of(), read("statusline/api-key/1-first/statusline-05.json").rateLimits(),
                "an API key gets no rate_limits");
    }

    @Test
    void theStartHookNamesTheModelByIdAndHasNoCost() {
        SessionContext start = read(GATEWAY + "1-first/hook-SessionStart-01.json");
        assertEquals("457f0da1-7c23-4ba7-a26a-5811ceb142ae", start.sessionId());
        assertEquals(Optional.of("claude-sonnet-4-5"), start.model());
        assertEquals(Optional.empty(), start.client());
        assertEquals(Optional.of("/tmp/fx/slwork/project"), start.cwd());
        SessionContext resumed = read(GATEWAY + "2-continue/hook-SessionStart-01.json");
        assertEquals(start.sessionId(), resumed.sessionId(), "--continue keeps the session id");
        assertEquals(Optional.empty(), resumed.model(), "only the startup form names the model");
    }

    @Test
    void everyCapturedInputIsRead() {
        for (String scenario : List.of("api-key", "gateway-rate-limits")) {
            for (String run : List.of("1-first", "2-continue", "3-resume")) {
                for (int i = 1; i <= 6; i++) {
                    String file = "statusline/" + scenario + "/" + run + String.format("/statusline-%02d.json", i);
                    if (Captures2_1_332.class.getResource("/fixtures/claude-code-2.1.332/" + file) != null) {
                        assertTrue(read(file).sessionId().length() == 36, file);
                    }
                }
            }
        }
    }

    @Test
    void whatIsNotClaudeCodesInputIsRefusedInWords() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StatuslineJson.read(
                "{\"cwd\": \"/x\"}".getBytes(StandardCharsets.UTF_8), SEEN)).getMessage().contains("session_id"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StatuslineJson.read(
                "not json".getBytes(StandardCharsets.UTF_8), SEEN)).getMessage().startsWith("not JSON"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StatuslineJson.read(
                "[1]".getBytes(StandardCharsets.UTF_8), SEEN)).getMessage().contains("JSON object"));
    }

    @Test
    void documentedFieldsAreReadWhereSent() {
        String documented = "{\"session_id\":\"s\",\"workspace\":{\"project_dir\":\"/p\",\"git_worktree\":\"wt-1\","
                + "\"repo\":{\"host\":\"github.com\",\"owner\":\"me\",\"name\":\"ccotel\"}},\"pr\":{\"number\":42},"
                + "\"session_name\":\"refactor\"}";
        SessionContext c = StatuslineJson.read(documented.getBytes(StandardCharsets.UTF_8), SEEN);
        assertEquals(Optional.of("github.com/me/ccotel"), c.repo());
        assertEquals(Optional.of("wt-1"), c.worktree());
        assertEquals(Optional.of("#42"), c.pullRequest());
        assertEquals(Optional.of("refactor"), c.sessionName());
    }
}
