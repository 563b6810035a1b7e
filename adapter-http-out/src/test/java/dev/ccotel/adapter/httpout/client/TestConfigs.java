package dev.ccotel.adapter.httpout.client;

import java.time.Duration;

final class TestConfigs {
    static final String TOKEN = "secret-token-1234567890-abcd";

    private TestConfigs() {}

    static HttpOutConfig forUrl(String url) {
        return forUrl(url, Duration.ofSeconds(5));
    }

    static HttpOutConfig forUrl(String url, Duration timeout) {
        return new HttpOutConfig(url, TOKEN, timeout, "1.2.3", Duration.ofSeconds(2));
    }
}
