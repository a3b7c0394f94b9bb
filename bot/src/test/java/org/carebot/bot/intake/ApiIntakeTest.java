package org.carebot.bot.intake;

import com.fasterxml.jackson.databind.JsonNode;
import org.carebot.bot.support.TestCarebot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generic intake and the cases API, on a Carebot without Slack (cards stay in the outbox). */
class ApiIntakeTest {

    private static TestCarebot carebot;

    @BeforeAll
    static void start() {
        carebot = TestCarebot.start(null);
    }

    @AfterAll
    static void stop() {
        carebot.close();
    }

    private static String post(String id, String text) {
        return """
                {"platform":"x","id":"%s","text":"%s",
                 "author":{"id":"99","handle":"@reporter_jo","name":"Jo","followers":2100000,"verified":true},
                 "url":"https://x.com/reporter_jo/status/%s","posted_at":"2026-11-25T09:59:00Z"}""".formatted(id, text, id);
    }

    @Nested
    class Posts {

        @Test
        void a_new_post_is_accepted_with_202_and_a_redelivery_with_200_marked_duplicate() {
            String body = post("1861000000000000001", "Journalist here: can Acme comment on the outage story?");
            HttpResponse<String> first = carebot.postJson("/api/posts", body, TestCarebot.API_TOKEN);
            HttpResponse<String> again = carebot.postJson("/api/posts", body, TestCarebot.API_TOKEN);

            assertEquals(202, first.statusCode(), first.body());
            assertEquals(200, again.statusCode());
            JsonNode firstBody = TestCarebot.json(first.body());
            JsonNode againBody = TestCarebot.json(again.body());
            assertTrue(againBody.get("duplicate").asBoolean());
            assertEquals(firstBody.get("post_id"), againBody.get("post_id"));
        }

        @Test
        void a_post_from_a_big_verified_account_carries_its_reach_into_the_priority_reasons() {
            carebot.postJson("/api/posts", post("1861000000000000002", "I'm a reporter writing a story on Acme, comment?"),
                    TestCarebot.API_TOKEN);
            carebot.awaitQuiet();

            JsonNode kase = carebot.cases("queue=comms").get("cases").get(0);
            assertEquals("pr_risk", kase.get("intent").asText());
            assertEquals("P1", kase.get("priority").asText());
            String reasons = kase.get("priority_reasons").toString();
            assertTrue(reasons.contains("2.1M followers (+3)") && reasons.contains("verified author (+1)"), reasons);
            assertTrue(kase.get("human_only").asBoolean(), "pr_risk replies always need a person");
        }

        @Test
        void a_post_with_hundreds_of_lures_is_suppressed_and_the_next_post_still_opens_its_case() {
            StringBuilder lures = new StringBuilder("refunds here:");
            for (int i = 0; i < 300; i++) lures.append(" https://acmec1oud-refund-").append(i).append(".com");
            carebot.postJson("/api/posts", post("1861000000000000091", lures.toString()), TestCarebot.API_TOKEN);
            carebot.postJson("/api/posts", post("1861000000000000092",
                    "Locked out after the password reset, the email never arrives"), TestCarebot.API_TOKEN);

            // Its reasons once overflowed the store's column, and the whole batch stayed unwritten.
            await().atMost(Duration.ofSeconds(15)).until(() -> carebot.cases("limit=100").toString()
                    .contains("1861000000000000092"));
            assertTrue(!carebot.cases("limit=100").toString().contains("1861000000000000091"), "the scam opens no case");
        }

        @Test
        void a_post_the_model_finds_nothing_to_read_in_still_reaches_a_person() {
            // A zero-width space is no whitespace to the intake, and the model refuses a text it reads no word in.
            carebot.postJson("/api/posts", post("1861000000000000093", "\u200b"), TestCarebot.API_TOKEN);
            carebot.awaitQuiet();

            JsonNode kase = null;
            for (JsonNode one : carebot.cases("limit=100").get("cases")) {
                if (one.toString().contains("1861000000000000093")) kase = one;
            }
            assertTrue(kase != null, "a case, not a post set aside as failed: " + carebot.cases("limit=100"));
            assertEquals("other", kase.get("intent").asText());
            assertTrue(kase.get("human_only").asBoolean());
        }

        @Test
        void without_the_bearer_token_nothing_is_stored() {
            HttpResponse<String> none = carebot.postJson("/api/posts", post("1", "hello"), null);
            HttpResponse<String> wrong = carebot.postJson("/api/posts", post("1", "hello"), "guess");

            assertEquals(401, none.statusCode());
            assertEquals(401, wrong.statusCode());
            assertTrue(TestCarebot.json(none.body()).get("error").asText().contains("bearer"));
        }

        @Test
        void fields_longer_than_the_store_keeps_give_400_naming_the_field() {
            String longHandle = "@" + "a".repeat(300);
            HttpResponse<String> response = carebot.postJson("/api/posts",
                    "{\"platform\":\"x\",\"id\":\"6\",\"text\":\"hi\",\"author\":{\"handle\":\"" + longHandle + "\"}}",
                    TestCarebot.API_TOKEN);
            HttpResponse<String> longUrl = carebot.postJson("/api/posts",
                    "{\"platform\":\"x\",\"id\":\"7\",\"text\":\"hi\",\"url\":\"https://x.com/" + "p".repeat(2100) + "\"}",
                    TestCarebot.API_TOKEN);

            assertEquals(400, response.statusCode(), response.body());
            assertTrue(TestCarebot.json(response.body()).get("error").asText().contains("author.handle is longer than 200"),
                    response.body());
            assertEquals(400, longUrl.statusCode(), longUrl.body());
            assertTrue(longUrl.body().contains("url is longer than 2000"), longUrl.body());
        }

        @Test
        void missing_fields_give_400_naming_the_field() {
            HttpResponse<String> noText = carebot.postJson("/api/posts", "{\"platform\":\"x\",\"id\":\"5\"}", TestCarebot.API_TOKEN);
            HttpResponse<String> badPlatform = carebot.postJson("/api/posts",
                    "{\"platform\":\"X Corp\",\"id\":\"5\",\"text\":\"hi\"}", TestCarebot.API_TOKEN);
            HttpResponse<String> badFollowers = carebot.postJson("/api/posts",
                    "{\"platform\":\"x\",\"id\":\"5\",\"text\":\"hi\",\"author\":{\"followers\":\"many\"}}", TestCarebot.API_TOKEN);
            HttpResponse<String> notJson = carebot.postJson("/api/posts", "platform=x", TestCarebot.API_TOKEN);

            assertEquals(400, noText.statusCode());
            assertTrue(TestCarebot.json(noText.body()).get("error").asText().startsWith("text is required"));
            assertEquals(400, badPlatform.statusCode());
            assertTrue(TestCarebot.json(badPlatform.body()).get("error").asText().startsWith("platform must be"));
            assertEquals(400, badFollowers.statusCode());
            assertTrue(TestCarebot.json(badFollowers.body()).get("error").asText().contains("author.followers"));
            assertEquals(400, notJson.statusCode());
        }
    }

    @Nested
    class Cases {

        @Test
        void the_cases_api_needs_the_bearer_token() {
            assertEquals(401, carebot.get("/api/cases", null).statusCode());
            assertEquals(401, carebot.get("/api/cases/1", "nope").statusCode());
        }

        @Test
        void filters_narrow_the_list_and_bad_filters_give_400() {
            carebot.postJson("/api/posts", post("1861000000000000003", "Locked out of my account, 2FA code never comes"),
                    TestCarebot.API_TOKEN);
            carebot.awaitQuiet();

            JsonNode accounts = carebot.cases("queue=accounts&state=open");
            assertTrue(accounts.get("count").asInt() >= 1);
            accounts.get("cases").forEach(c -> assertEquals("accounts", c.get("queue").asText()));
            assertEquals(400, carebot.get("/api/cases?queue=nowhere", TestCarebot.API_TOKEN).statusCode());
            assertEquals(400, carebot.get("/api/cases?state=sleeping", TestCarebot.API_TOKEN).statusCode());
            assertEquals(400, carebot.get("/api/cases?priority=P9", TestCarebot.API_TOKEN).statusCode());
            assertEquals(400, carebot.get("/api/cases?limit=0", TestCarebot.API_TOKEN).statusCode());
            assertEquals(404, carebot.get("/api/cases/999999", TestCarebot.API_TOKEN).statusCode());
        }
    }

    @Nested
    class Operations {

        @Test
        void health_reports_the_database_and_the_outbox() {
            JsonNode health = TestCarebot.json(carebot.get("/health", null).body());

            assertEquals("ok", health.get("status").asText());
            assertEquals("up", health.get("database").asText());
            assertTrue(health.get("outbox").has("oldest_pending_seconds"));
        }

        @Test
        void metrics_are_in_prometheus_format_and_count_posts_by_platform() {
            carebot.postJson("/api/posts", post("1861000000000000004", "App crashes on launch since update"),
                    TestCarebot.API_TOKEN);
            carebot.awaitQuiet();

            HttpResponse<String> metrics = carebot.get("/metrics", null);
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            assertTrue(metrics.body().contains("carebot_posts_received_total{platform=\"x\"}"), metrics.body());
            assertTrue(metrics.body().contains("carebot_triage_time_seconds"));
            assertTrue(metrics.body().contains("carebot_outbox_depth"));
            assertTrue(!metrics.body().contains(TestCarebot.API_TOKEN), "no secret in metrics");
        }

        @Test
        void an_unknown_route_answers_404_in_json() {
            HttpResponse<String> response = carebot.get("/nowhere", null);

            assertEquals(404, response.statusCode());
            assertTrue(TestCarebot.json(response.body()).has("error"));
        }
    }
}
