package org.carebot.bot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Runtime settings from the environment. Each secret can also come from a file: {@code NAME_FILE=/run/secrets/x}
 * (for Docker and Kubernetes secrets). Secrets are never logged; {@link #toString()} leaves them out.
 */
public record Settings(int port, String dbUrl, Path configPath, Optional<String> apiToken,
                       Optional<String> slackBotToken, Optional<String> slackSigningSecret, String slackApiUrl,
                       Optional<String> telegramSecretToken, Optional<String> telegramBotToken, String telegramApiUrl) {

    public static final String DEFAULT_DB_URL = "jdbc:h2:file:./data/carebot";

    public static Settings fromEnvironment(Map<String, String> env) {
        return new Settings(
                port(env.getOrDefault("CAREBOT_PORT", "8080")),
                env.getOrDefault("CAREBOT_DB_URL", DEFAULT_DB_URL),
                Path.of(env.getOrDefault("CAREBOT_CONFIG", "config/carebot.yml")),
                secret(env, "CAREBOT_API_TOKEN"),
                secret(env, "SLACK_BOT_TOKEN"),
                secret(env, "SLACK_SIGNING_SECRET"),
                withSlash(env.getOrDefault("SLACK_API_URL", "https://slack.com/api/")),
                secret(env, "TELEGRAM_SECRET_TOKEN"),
                secret(env, "TELEGRAM_BOT_TOKEN"),
                env.getOrDefault("TELEGRAM_API_URL", "https://api.telegram.org"));
    }

    public boolean slackConfigured() {
        return slackBotToken.isPresent() && slackSigningSecret.isPresent();
    }

    public Settings withPort(int newPort) {
        return new Settings(newPort, dbUrl, configPath, apiToken, slackBotToken, slackSigningSecret, slackApiUrl,
                telegramSecretToken, telegramBotToken, telegramApiUrl);
    }

    public Settings withApiToken(String token) {
        return new Settings(port, dbUrl, configPath, Optional.of(token), slackBotToken, slackSigningSecret, slackApiUrl,
                telegramSecretToken, telegramBotToken, telegramApiUrl);
    }

    public Settings withTelegramSecretToken(String token) {
        return new Settings(port, dbUrl, configPath, apiToken, slackBotToken, slackSigningSecret, slackApiUrl,
                Optional.of(token), telegramBotToken, telegramApiUrl);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) throw new NumberFormatException();
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CAREBOT_PORT must be a port number (0-65535), got '" + value + "'");
        }
    }

    private static Optional<String> secret(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value != null && !value.isBlank()) return Optional.of(value.trim());
        String file = env.get(name + "_FILE");
        if (file == null || file.isBlank()) return Optional.empty();
        try {
            String fromFile = Files.readString(Path.of(file)).trim();
            return fromFile.isEmpty() ? Optional.empty() : Optional.of(fromFile);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + "_FILE points at " + file + ", which cannot be read: "
                    + e.getClass().getSimpleName());
        }
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    @Override
    public String toString() {
        return "Settings[port=" + port + ", db=" + dbUrl.replaceAll("password=[^;&]*", "password=***") + ", config="
                + configPath + ", apiToken=" + (apiToken.isPresent() ? "set" : "unset") + ", slack="
                + (slackConfigured() ? "configured" : "not configured") + ", slackApiUrl=" + slackApiUrl
                + ", telegram=" + (telegramSecretToken.isPresent() ? "configured" : "not configured") + "]";
    }
}
