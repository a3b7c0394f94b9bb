package org.carebot.bot.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Slack manifest declares exactly the scopes, command and URL the code uses. */
class ManifestTest {

    private static final Path MANIFEST = Path.of("..", "manifest", "slack", "manifest.yml");
    private static final Path SOURCES = Path.of("src", "main", "java");
    /** Slack's documented scope for each Web API method; a new call fails this test until its scope is added here. */
    private static final Map<String, String> SCOPE_OF_METHOD = Map.of(
            "chatPostMessage", "chat:write",
            "chatUpdate", "chat:write",
            "chatPostEphemeral", "chat:write",
            "usergroupsUsersList", "usergroups:read");
    private static final Pattern WEB_API_CALL = Pattern.compile(
            "\\.(chat[A-Z]\\w*|usergroups[A-Z]\\w*|conversations[A-Z]\\w*|users[A-Z]\\w*|reactions[A-Z]\\w*|files[A-Z]\\w*|views[A-Z]\\w*)\\(");

    private static JsonNode manifest() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(MANIFEST.toFile());
    }

    @Test
    void the_bot_scopes_are_exactly_those_of_the_web_api_methods_and_commands_the_code_uses() throws IOException {
        Set<String> needed = new TreeSet<>();
        boolean usesCommands = false;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(file);
                Matcher call = WEB_API_CALL.matcher(code);
                while (call.find()) {
                    String scope = SCOPE_OF_METHOD.get(call.group(1));
                    assertNotNull(scope, file + " calls " + call.group(1) + ": add its scope to the manifest and this table");
                    needed.add(scope);
                }
                usesCommands |= code.contains("app.command(");
            }
        }
        if (usesCommands) needed.add("commands");

        Set<String> declared = new TreeSet<>();
        manifest().at("/oauth_config/scopes/bot").forEach(scope -> declared.add(scope.asText()));

        assertEquals(needed, declared);
        assertTrue(manifest().at("/oauth_config/scopes/user").isMissingNode(), "no user scopes are used");
    }

    @Test
    void the_slash_command_and_the_interactivity_url_point_at_the_route_the_code_serves() throws IOException {
        JsonNode manifest = manifest();
        JsonNode commands = manifest.at("/features/slash_commands");

        assertEquals(1, commands.size());
        assertEquals(SlackSurface.COMMAND, commands.get(0).get("command").asText());
        assertEquals(SlackRoute.PATH, URI.create(commands.get(0).get("url").asText()).getPath());
        assertTrue(manifest.at("/settings/interactivity/is_enabled").asBoolean());
        assertEquals(SlackRoute.PATH, URI.create(manifest.at("/settings/interactivity/request_url").asText()).getPath());
        assertFalse(manifest.at("/settings/socket_mode_enabled").asBoolean());
        assertTrue(manifest.at("/settings/event_subscriptions").isMissingNode(), "the code subscribes to no events");
    }
}
