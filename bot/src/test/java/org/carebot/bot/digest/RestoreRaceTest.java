package org.carebot.bot.digest;

import com.fasterxml.jackson.databind.JsonNode;
import org.carebot.bot.cards.CardActions;
import org.carebot.bot.support.FakeSlack;
import org.carebot.bot.support.ServiceOnDatabase;
import org.carebot.bot.support.SlackRequests;
import org.carebot.bot.support.TestCarebot;
import org.carebot.bot.support.TestDatabases;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two people pressing Restore on one held-back post at the same moment open one case: the post is locked while the
 * first press restores it, and the second finds it no longer held back and is told so.
 */
class RestoreRaceTest {

    private static final int HELD_POSTS = 10;
    private static final String FIRST_AGENT = "UAGENT001";
    private static final String SECOND_AGENT = "UAGENT002";

    private record Told(String user, String channel, String text) {
    }

    private final ExecutorService pressers = Executors.newFixedThreadPool(2);
    private ServiceOnDatabase service;
    private FakeSlack slack;
    private TestCarebot carebot;

    private void start(TestDatabases.Kind kind) {
        service = ServiceOnDatabase.start(kind);
        slack = service.slack();
        carebot = service.carebot();
    }

    @AfterEach
    void stop() {
        pressers.shutdownNow();
        if (service != null) service.close();
    }

    private void post(String id, String text) {
        carebot.postJson("/api/posts", """
                {"platform":"x","id":"%s","text":"%s","author":{"id":"s%s","handle":"@promo_%s"}}"""
                .formatted(id, text, id, id), TestCarebot.API_TOKEN);
    }

    private List<Long> heldBackIn(String channel) {
        HttpResponse<String> response = carebot.send(SlackRequests.signedNow(carebot.url("/slack/events"),
                SlackRequests.slashCommand("/care", "held", FIRST_AGENT, channel)));
        assertEquals(200, response.statusCode(), response.body());
        List<Long> ids = new ArrayList<>();
        Matcher values = Pattern.compile("\"action_id\":\"" + Pattern.quote(CardActions.RESTORE_POST)
                + "\",\"value\":\"(\\d+)\"|\"value\":\"(\\d+)\",\"action_id\":\""
                + Pattern.quote(CardActions.RESTORE_POST) + "\"")
                .matcher(TestCarebot.json(response.body()).path("blocks").toString());
        while (values.find()) ids.add(Long.parseLong(values.group(1) != null ? values.group(1) : values.group(2)));
        return ids;
    }

    private void pressRestoreTogether(long postId, String channel) throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<HttpResponse<String>>> presses = new ArrayList<>();
        for (String agent : List.of(FIRST_AGENT, SECOND_AGENT)) {
            HttpRequest press = SlackRequests.signedNow(carebot.url("/slack/events"),
                    SlackRequests.postButtonPress(CardActions.RESTORE_POST, postId, agent, channel));
            presses.add(pressers.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                return carebot.send(press);
            }));
        }
        for (Future<HttpResponse<String>> press : presses) {
            HttpResponse<String> response = press.get(20, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body());
        }
    }

    private List<Long> casesOf(long postId) {
        return Jdbi.create(carebot.dbUrl).withHandle(handle -> handle
                .createQuery("SELECT id FROM cases WHERE post_id = :postId ORDER BY id").bind("postId", postId)
                .mapTo(Long.class).list());
    }

    private List<JsonNode> events(long caseId) {
        return StreamSupport.stream(carebot.caseDetail(caseId).get("events").spliterator(), false).toList();
    }

    private List<Told> toldNotHeldBack() {
        return slack.calls("chat.postEphemeral").stream()
                .map(call -> new Told(call.get("user"), call.get("channel"), call.get("text")))
                .filter(told -> told.text().endsWith(" is not held back any more."))
                .sorted(Comparator.comparing(Told::text))
                .toList();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void two_people_restoring_one_held_back_post_at_once_open_one_case_and_the_later_one_is_told(
            TestDatabases.Kind kind) throws Exception {
        start(kind);
        String general = carebot.config.requireQueue("general").slackChannel();
        for (int i = 0; i < HELD_POSTS; i++) {
            post("race" + i, "FREE crypto giveaway!! send 0.1 ETH get 1 ETH back, DM me #" + i);
        }
        carebot.awaitQuiet();
        List<Long> held = heldBackIn(general);
        assertEquals(HELD_POSTS, held.size(), "every post was held back as spam: " + held);

        for (long postId : held) pressRestoreTogether(postId, general);

        List<Told> expected = new ArrayList<>();
        for (long postId : held) {
            List<Long> cases = casesOf(postId);
            assertEquals(1, cases.size(), "post #" + postId + " restored twice at once opened cases " + cases);
            List<JsonNode> events = events(cases.get(0));
            assertEquals(List.of("case_opened", "restored"), events.stream().map(e -> e.get("action").asText()).toList(),
                    "case #" + cases.get(0) + " of post #" + postId);
            String restoredBy = events.get(1).get("actor").asText();
            String later = restoredBy.equals(FIRST_AGENT) ? SECOND_AGENT : FIRST_AGENT;
            expected.add(new Told(later, general, "Post #" + postId + " is not held back any more."));
        }
        expected.sort(Comparator.comparing(Told::text));
        await("the later presser of each post is told, and only they").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(expected, toldNotHeldBack()));
    }
}
