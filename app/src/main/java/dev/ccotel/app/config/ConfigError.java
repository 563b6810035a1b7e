package dev.ccotel.app.config;

/** A configuration value that stops start-up; the message names the key and how to set it. */
public final class ConfigError extends RuntimeException {
    public ConfigError(String message) {
        super(message);
    }

    public ConfigError(String message, Throwable cause) {
        super(message, cause);
    }
}
