package dev.ccotel.app.service;

import java.util.Objects;

/**
 * What asking the daemon itself found, for when the service manager cannot say.
 *
 * @param running true, false (nothing listens), or null (something listens but gave no answer)
 * @param sentence what was found, in words
 */
public record DaemonAnswer(Boolean running, String sentence) {
    public DaemonAnswer {
        Objects.requireNonNull(sentence, "sentence");
    }
}
