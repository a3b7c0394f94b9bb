package org.carebot.bot.intake;

import com.fasterxml.jackson.databind.JsonNode;
import org.carebot.bot.support.FakeSlack;
import org.carebot.bot.support.TestCarebot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sensitive-content gate end to end: every flag forces approval; personal data is masked on the card. */
class SensitiveGateTest {

    private static FakeSlack slack;
    private static TestCarebot carebot;

    @BeforeAll
    static void start() {
        slack = new FakeSlack();
        carebot = TestCarebot.start(slack);
        post("g1", "my email is dana.k@example.com, please call me back about my account");
        post("g2", "my lawyer will sue you over this double charge");
        post("g3", "I lost every photo of my dad in the sync bug, I want to die");
        post("g4", "our clinic cannot open patient records since your update this morning");
        post("g5", "you stole my money, this is fraud plain and simple");
        post("g6", "my laptop overheats and there was smoke coming out while the acme client synced");
        post("g7", "Acme had a data breach and sold our data, everyone is saying it");
        post("g9", "cant log in, my password is Tr0ub4dor! and my SSN is 123-45-6789 if you need to verify me");
        post("g8", "URGENT: your Acme account is locked, verify now at acmec1oud-security.help/login");
        carebot.awaitQuiet();
    }

    @AfterAll
    static void stop() {
        carebot.close();
        slack.close();
    }

    private static void post(String id, String text) {
        carebot.postJson("/api/posts", """
                {"platform":"x","id":"%s","text":"%s","author":{"id":"a%s","handle":"@someone_%s"}}"""
                .formatted(id, text, id, id), TestCarebot.API_TOKEN);
    }

    private static JsonNode caseOf(String postId) {
        return StreamSupport.stream(carebot.cases("limit=100").get("cases").spliterator(), false)
                .filter(c -> c.get("post").get("id").asText().equals(postId)).findFirst()
                .orElseThrow(() -> new AssertionError("no case for post " + postId));
    }

    @ParameterizedTest(name = "{1} forces approval")
    @CsvSource({"g1, personal_data", "g2, legal_threat", "g3, self_harm", "g4, medical", "g5, fraud", "g6, safety",
            "g7, misinformation"})
    void every_sensitive_flag_forces_a_persons_approval(String postId, String flag) {
        JsonNode kase = caseOf(postId);

        assertTrue(kase.get("sensitive").toString().contains(flag), kase.get("sensitive") + " for " + postId);
        assertTrue(kase.get("human_only").asBoolean());
    }

    @Test
    void personal_data_is_masked_on_the_card_and_kept_in_the_store() {
        await().atMost(Duration.ofSeconds(15)).until(() -> slack.calls("chat.postMessage").stream()
                .anyMatch(call -> call.get("blocks").contains("please call me back")));
        String card = slack.calls("chat.postMessage").stream()
                .filter(call -> call.get("blocks").contains("please call me back")).findFirst().orElseThrow().get("blocks");

        assertTrue(card.contains("[email hidden]"), card);
        assertFalse(card.contains("dana.k@example.com"), "the card must not show the address");
        assertEquals("my email is dana.k@example.com, please call me back about my account",
                caseOf("g1").get("post").get("text").asText(), "the stored post keeps the original");
    }

    @Test
    void passwords_and_national_ids_are_masked_on_the_card_and_force_approval() {
        await().atMost(Duration.ofSeconds(15)).until(() -> slack.calls("chat.postMessage").stream()
                .anyMatch(call -> call.get("blocks").contains("if you need to verify me")));
        String card = slack.calls("chat.postMessage").stream()
                .filter(call -> call.get("blocks").contains("if you need to verify me")).findFirst().orElseThrow()
                .get("blocks");

        assertTrue(card.contains("my password is [password hidden]"), card);
        assertTrue(card.contains("my SSN is [national id hidden]"), card);
        assertFalse(card.contains("Tr0ub4dor") || card.contains("123-45-6789"), card);
        assertTrue(caseOf("g9").get("sensitive").toString().contains("personal_data"));
        assertTrue(caseOf("g9").get("human_only").asBoolean());
    }

    @Test
    void self_harm_language_is_p1_with_the_reason_on_the_case() {
        JsonNode kase = caseOf("g3");

        assertEquals("P1", kase.get("priority").asText());
        assertTrue(kase.get("priority_reasons").toString().contains("self harm"), kase.get("priority_reasons").toString());
    }

    @Test
    void a_phishing_post_never_reaches_a_queue() {
        boolean anyCase = StreamSupport.stream(carebot.cases("limit=100").get("cases").spliterator(), false)
                .anyMatch(c -> c.get("post").get("id").asText().equals("g8"));

        assertFalse(anyCase, "the lookalike-link post opened a case");
        assertTrue(slack.calls("chat.postMessage").stream()
                        .filter(call -> call.get("blocks").contains("case.claim"))
                        .noneMatch(call -> call.get("blocks").contains("acmec1oud")),
                "no case card shows it (the daily digest may list it as held back)");
        String metrics = carebot.get("/metrics", null).body();
        assertTrue(metrics.contains("carebot_posts_suppressed_total{platform=\"x\"} 1.0"),
                metrics.lines().filter(l -> l.contains("suppressed")).toList().toString());
    }
}
