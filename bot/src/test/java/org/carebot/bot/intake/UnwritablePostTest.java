package org.carebot.bot.intake;

import org.carebot.bot.support.FakeSlack;
import org.carebot.bot.support.TestCarebot;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A post whose triage the store refuses holds back no other post: it is set aside, counted and shown in health, and
 * goes back to triage when a person asks, once the cause is fixed.
 */
class UnwritablePostTest {

    private static void post(TestCarebot carebot, String id, String text) {
        carebot.postJson("/api/posts", """
                {"platform":"x","id":"%s","text":"%s","author":{"id":"a%s","handle":"@someone_%s"}}"""
                .formatted(id, text, id, id), TestCarebot.API_TOKEN);
    }

    @Test
    void the_posts_around_an_unwritable_one_open_their_cases() throws Exception {
        String dbUrl = TestCarebot.memoryDbUrl();
        try (FakeSlack slack = new FakeSlack(); TestCarebot carebot = TestCarebot.start(slack, dbUrl)) {
            // A fault only the test can cause: the store refuses to move a post containing UNWRITABLE past triage.
            try (Connection connection = DriverManager.getConnection(dbUrl); Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE posts ADD CONSTRAINT test_unwritable CHECK "
                        + "(state IN ('new', 'triaging', 'failed') OR body NOT LIKE '%UNWRITABLE%')");
            }

            post(carebot, "u1", "charged twice for november, please refund the second charge");
            post(carebot, "u2", "UNWRITABLE the export button does nothing since the update");
            post(carebot, "u3", "locked out of my account, the reset email never arrives");

            await().atMost(Duration.ofSeconds(20)).until(() -> {
                String cases = carebot.cases("limit=100").toString();
                return cases.contains("\"u1\"") && cases.contains("\"u3\"");
            });
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    TestCarebot.json(carebot.get("/health", null).body()).get("posts").get("failed").asInt() == 1);
            assertFalse(carebot.cases("limit=100").toString().contains("\"u2\""));
            assertEquals(1.0, carebot.carebot().metrics().counter("carebot.posts.failed").count());

            // The cause fixed, a person sends it back to triage.
            try (Connection connection = DriverManager.getConnection(dbUrl); Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE posts DROP CONSTRAINT test_unwritable");
            }
            HttpResponse<String> retried = carebot.postJson("/api/posts/2/retry", "", TestCarebot.API_TOKEN);
            assertEquals(200, retried.statusCode(), retried.body());
            await().atMost(Duration.ofSeconds(10)).until(() -> carebot.cases("limit=100").toString().contains("\"u2\""));

            HttpResponse<String> again = carebot.postJson("/api/posts/2/retry", "", TestCarebot.API_TOKEN);
            assertEquals(409, again.statusCode(), again.body());
            assertTrue(again.body().contains("is cased, not failed"), again.body());
            assertEquals(404, carebot.postJson("/api/posts/999/retry", "", TestCarebot.API_TOKEN).statusCode());
            assertEquals(400, carebot.postJson("/api/posts/two/retry", "", TestCarebot.API_TOKEN).statusCode());
            assertEquals(401, carebot.postJson("/api/posts/2/retry", "", null).statusCode());
        }
    }
}
