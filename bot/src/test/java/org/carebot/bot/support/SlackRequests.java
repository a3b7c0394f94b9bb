package org.carebot.bot.support;

import com.slack.api.app_backend.SlackSignature;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/** Requests as Slack sends them to /slack/events: form-encoded, signed with the signing secret. */
public final class SlackRequests {

    private SlackRequests() {
    }

    public static HttpRequest signed(String url, String formBody, String secret, long timestampSeconds) {
        String timestamp = Long.toString(timestampSeconds);
        String signature = new SlackSignature.Generator(secret).generate(timestamp, formBody);
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(formBody))
                .build();
    }

    public static HttpRequest signedNow(String url, String formBody) {
        return signed(url, formBody, TestCarebot.SIGNING_SECRET, System.currentTimeMillis() / 1000);
    }

    /** A block_actions payload for a button press on a case card: the button carries the case id. */
    public static String buttonPress(String actionId, long caseId, String userId, String channelId) {
        return button(actionId, "case:" + caseId, caseId, userId, channelId);
    }

    /** A block_actions payload for a button whose value is a post id: Restore in a digest, a repeat's split. */
    public static String postButtonPress(String actionId, long postId, String userId, String channelId) {
        return button(actionId, "Xy1z", postId, userId, channelId);
    }

    private static String button(String actionId, String blockId, long value, String userId, String channelId) {
        return interactivity("""
                {"type":"block_actions","team":{"id":"T0001","domain":"example"},
                 "user":{"id":"%s","username":"agent","team_id":"T0001"},
                 "api_app_id":"A0001","token":"legacy-token",
                 "container":{"type":"message","message_ts":"1700000000.000100","channel_id":"%s","is_ephemeral":false},
                 "trigger_id":"123.456.abc","channel":{"id":"%s","name":"care"},
                 "message":{"type":"message","text":"case","ts":"1700000000.000100"},
                 "response_url":"https://hooks.slack.com/actions/T0001/1/abc",
                 "actions":[{"action_id":"%s","block_id":"%s","text":{"type":"plain_text","text":"Go"},
                             "value":"%d","type":"button","action_ts":"1700000001.000200"}]}
                """.formatted(userId, channelId, channelId, actionId, blockId, value));
    }

    /** A block_actions payload for a choice in a select on a case card. */
    public static String selectChoice(String actionId, long caseId, String value, String userId, String channelId) {
        return interactivity("""
                {"type":"block_actions","team":{"id":"T0001","domain":"example"},
                 "user":{"id":"%s","username":"agent","team_id":"T0001"},
                 "api_app_id":"A0001","token":"legacy-token",
                 "container":{"type":"message","message_ts":"1700000000.000100","channel_id":"%s","is_ephemeral":false},
                 "trigger_id":"123.456.abc","channel":{"id":"%s","name":"care"},
                 "message":{"type":"message","text":"case","ts":"1700000000.000100"},
                 "response_url":"https://hooks.slack.com/actions/T0001/1/abc",
                 "actions":[{"action_id":"%s","block_id":"case:%d","type":"static_select",
                             "selected_option":{"text":{"type":"plain_text","text":"x"},"value":"%s"},
                             "placeholder":{"type":"plain_text","text":"Choose"},"action_ts":"1700000001.000200"}]}
                """.formatted(userId, channelId, channelId, actionId, caseId, value));
    }

    public static String slashCommand(String command, String text, String userId, String channelId) {
        return "token=legacy-token&team_id=T0001&team_domain=example&channel_id=" + channelId
                + "&channel_name=care&user_id=" + userId + "&user_name=agent&command=" + encode(command)
                + "&text=" + encode(text) + "&api_app_id=A0001"
                + "&response_url=" + encode("https://hooks.slack.com/commands/T0001/1/abc")
                + "&trigger_id=13345224609.738474920.8088930838d88f008e0";
    }

    private static String interactivity(String json) {
        return "payload=" + encode(json.strip());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
