package dev.ccotel.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.ContentKind;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each {@code privacy.*} key turns on its kind of content and no other; all are off by default and validated. */
class PrivacyKeysTest {
    @TempDir
    Path home;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "privacy.forward-prompts, PROMPTS",
            "privacy.forward-tool-input, TOOL_INPUT",
            "privacy.forward-tool-output, TOOL_OUTPUT",
            "privacy.forward-api-bodies, API_BODIES",
            "privacy.forward-assistant-responses, ASSISTANT_RESPONSES",
            "privacy.forward-unlisted-text, UNLISTED_TEXT",
    })
    void eachKey_keepsItsKindOnly(String key, ContentKind kind) {
        Map<String, String> env = Map.of("HOME", home.toString());

        assertEquals(Set.of(kind), DaemonConfig.mapping(Settings.load(Optional.empty(), env, Map.of(key, "true")), "h")
                .keptContent());
        assertEquals(Set.of(), DaemonConfig.mapping(Settings.load(Optional.empty(), env, Map.of()), "h").keptContent());
        assertEquals("false", ConfigKeys.DEFAULTS.get(key));
        assertEquals(Set.of(kind), DaemonConfig.mapping(Settings.load(Optional.empty(),
                Map.of("HOME", home.toString(), ConfigKeys.environmentVariable(key), "true"), Map.of()), "h").keptContent(),
                "from the environment too");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"privacy.forward-api-bodys, privacy.forward-api-bodies",
            "privacy.forward-assistant-response, privacy.forward-assistant-responses",
            "privacy.forward-tool-outputs, privacy.forward-tool-output"})
    void misspeltKey_isRefusedWithDidYouMean(String misspelt, String meant) {
        Map<String, String> env = Map.of("HOME", home.toString());

        ConfigError e = assertThrows(ConfigError.class,
                () -> Settings.load(Optional.empty(), env, Map.of(misspelt, "true")));

        assertTrue(e.getMessage().contains("did you mean " + meant), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"privacy.forward-api-bodies", "privacy.forward-prompts"})
    void notABoolean_isRefusedNamingTheKey(String key) {
        Map<String, String> env = Map.of("HOME", home.toString());

        ConfigError e = assertThrows(ConfigError.class, () -> DaemonConfig.mapping(
                Settings.load(Optional.empty(), env, Map.of(key, "sometimes")), "h"));

        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
