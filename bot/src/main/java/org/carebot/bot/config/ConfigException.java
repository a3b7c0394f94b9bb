package org.carebot.bot.config;

/** A configuration that cannot run. The message names the file, the place in it and the problem. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
