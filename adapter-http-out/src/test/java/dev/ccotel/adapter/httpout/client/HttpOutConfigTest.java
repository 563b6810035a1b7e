package dev.ccotel.adapter.httpout.client;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpOutConfigTest {
    private static final String TOKEN = TestConfigs.TOKEN;

    @ParameterizedTest
    @ValueSource(strings = {"http://api.example.com", "http://10.0.0.5:8080", "http://127.evil.com"})
    void plainHttpTokenToNonLoopbackHost_isRefusedNamingBackendUrl(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config(url));
        assertTrue(e.getMessage().contains("backend.url"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080", "http://localhost:9", "http://[::1]:9", "https://api.example.com",
        "https://api.example.com/prefix/"})
    void loopbackHttpOrAnyHttps_isAllowed(String url) {
        assertDoesNotThrow(() -> config(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "api.example.com", "ftp://example.com", "https://user:pw@example.com",
        "https://example.com?x=1", "https://exa mple.com"})
    void malformedUrl_isRefusedNamingBackendUrl(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config(url));
        assertTrue(e.getMessage().startsWith("backend.url"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "", "abc def", "tok\r\nX-Evil: 1", "tökén"})
    void missingOrUnsendableToken_isRefusedNamingBackendToken(String token) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HttpOutConfig(
                "https://a.example", token, Duration.ofSeconds(1), "1", Duration.ZERO));
        assertTrue(e.getMessage().startsWith("backend.token"), e.getMessage());
    }

    @Test
    void timeoutAndBudgetBeyondTheClientDeadline_areRefusedNamingTheKeys() {
        IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class, () -> new HttpOutConfig(
                "https://a.example", TOKEN, Duration.ZERO, "1", Duration.ZERO));
        assertTrue(timeout.getMessage().startsWith("backend.timeout"), timeout.getMessage());
        IllegalArgumentException budget = assertThrows(IllegalArgumentException.class, () -> new HttpOutConfig(
                "https://a.example", TOKEN, Duration.ofSeconds(10), "1", Duration.ofSeconds(25)));
        assertTrue(budget.getMessage().startsWith("delivery.retry-budget"), budget.getMessage());
    }

    @Test
    void toString_masksTheToken() {
        String text = config("https://api.example.com").toString();
        assertFalse(text.contains(TOKEN), text);
        assertTrue(text.contains("****abcd"), text);
    }

    @Test
    void maskToken_showsAtMostTheLastFourCharacters() {
        assertEquals("****abcd", HttpOutConfig.maskToken("0123456789abcd"));
        assertEquals("****", HttpOutConfig.maskToken("short"));
        assertEquals("(not set)", HttpOutConfig.maskToken(""));
    }

    private static HttpOutConfig config(String url) {
        return new HttpOutConfig(url, TOKEN, Duration.ofSeconds(10), "1.0", Duration.ofSeconds(5));
    }
}
