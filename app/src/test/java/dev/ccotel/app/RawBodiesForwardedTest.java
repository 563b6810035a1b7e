package dev.ccotel.app;

import static dev.ccotel.domain.fixtures.RawBodies.ASSISTANT_TEXT;
import static dev.ccotel.domain.fixtures.RawBodies.BASH_COMMAND;
import static dev.ccotel.domain.fixtures.RawBodies.FILE_CONTENT;
import static dev.ccotel.domain.fixtures.RawBodies.PROMPT;
import static dev.ccotel.domain.fixtures.RawBodies.SYSTEM_PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.adapter.httpout.wire.BackendJson;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.app.config.Settings;
import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.SessionLedger;
import dev.ccotel.domain.fixtures.RawBodies;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 21 end to end, from the config keys to the JSON the backend would receive (the same text the
 * store's outbox keeps): Claude Code with every content switch on, and each privacy key of ccotel
 * alone lets through exactly its kind of content. Searched for strings known to be content in the
 * capture (its README), so that a field or attribute added later that carries them is caught too.
 */
class RawBodiesForwardedTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC);
    private static final List<String> CONTENT = List.of(PROMPT, FILE_CONTENT, BASH_COMMAND, ASSISTANT_TEXT, SYSTEM_PROMPT);

    /** A key, and the content it must let through in each capture (the rest stays out). */
    static Stream<Arguments> keys() {
        List<Arguments> rows = new ArrayList<>();
        for (String capture : RawBodies.CAPTURES) {
            boolean bash = capture.endsWith("bash-tool");
            rows.add(Arguments.of(capture, "", Set.of()));
            rows.add(Arguments.of(capture, "privacy.forward-prompts", Set.of(PROMPT)));
            rows.add(Arguments.of(capture, "privacy.forward-tool-input", Set.of(bash ? BASH_COMMAND : FILE_CONTENT)));
            rows.add(Arguments.of(capture, "privacy.forward-tool-output", Set.of()));
            // the bodies are the whole conversation: every kind at once, and Claude Code's system prompt
            rows.add(Arguments.of(capture, "privacy.forward-api-bodies", bash
                    ? Set.of(PROMPT, BASH_COMMAND, ASSISTANT_TEXT, SYSTEM_PROMPT)
                    : Set.of(PROMPT, FILE_CONTENT, ASSISTANT_TEXT, SYSTEM_PROMPT)));
            rows.add(Arguments.of(capture, "privacy.forward-assistant-responses", Set.of(ASSISTANT_TEXT)));
            rows.add(Arguments.of(capture, "privacy.forward-unlisted-text", Set.of()));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("keys")
    void eachPrivacyKey_letsThroughExactlyItsKindOfContent(String capture, String key, Set<String> expected) {
        String forwarded = forwarded(capture, options(key));

        for (String content : CONTENT) {
            assertEquals(expected.contains(content), forwarded.contains(content),
                    content + " in what is forwarded from " + capture + " with " + (key.isEmpty() ? "no key" : key));
        }
        assertEquals(key.equals("privacy.forward-api-bodies"), forwarded.contains("\"body\":\"{"), "the body attribute");
        assertTrue(forwarded.contains("\"request_id\":\"req_fake_msg_"), "ids are not content");
        assertTrue(forwarded.contains("\"body_length\""), "lengths are not content");
        assertTrue(forwarded.contains("\"promptLength\""));
    }

    @TempDir
    Path home; // no config file of the machine's user may decide what the test sees

    private MappingOptions options(String key) {
        Map<String, String> set = key.isEmpty() ? Map.of() : Map.of(key, "true");
        Map<String, String> env = Map.of("HOME", home.toString());
        return DaemonConfig.mapping(Settings.load(Optional.empty(), env, set), "h");
    }

    private static String forwarded(String capture, MappingOptions options) {
        OtlpMapper mapper = new OtlpMapper(SessionLedger.forReplay(CLOCK), options);
        StringBuilder json = new StringBuilder();
        for (SessionUpdate request : mapper.map(RawBodies.logs(capture)).requests()) {
            json.append(BackendJson.toJsonString(request)).append('\n');
        }
        return json.toString();
    }
}
