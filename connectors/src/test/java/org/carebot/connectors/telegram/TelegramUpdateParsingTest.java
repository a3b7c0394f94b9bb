package org.carebot.connectors.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.carebot.connectors.IncomingPost;
import org.carebot.connectors.InvalidPayloadException;
import org.carebot.triage.Author;
import org.carebot.triage.Post;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TelegramUpdateParsingTest {

    private final TelegramWebhook webhook = new TelegramWebhook("secret", new ObjectMapper());

    /** One of the official example updates from the Bot API docs, copied into test resources. */
    private static byte[] official(String name) {
        try (InputStream in = TelegramUpdateParsingTest.class.getResourceAsStream("/telegram/" + name)) {
            assertNotNull(in, "missing test resource telegram/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private IncomingPost parsePresent(byte[] body) throws InvalidPayloadException {
        Optional<IncomingPost> parsed = webhook.parse(body);
        assertTrue(parsed.isPresent(), "expected a post");
        return parsed.get();
    }

    private String rejection(String body) {
        return assertThrows(InvalidPayloadException.class, () -> webhook.parse(json(body))).getMessage();
    }

    @Nested
    class OfficialExamples {

        @Test
        void a_private_text_message_becomes_a_post_keyed_by_chat_and_message() throws Exception {
            IncomingPost incoming = parsePresent(official("update_message_text.json"));
            Post post = incoming.post();
            assertAll(
                    () -> assertEquals("telegram", post.platform()),
                    () -> assertEquals("1111111:1365", post.platformId()),
                    () -> assertEquals("10000", incoming.deliveryId()),
                    () -> assertNull(incoming.editOf()),
                    () -> assertEquals("@Testusername", post.author().handle()),
                    () -> assertEquals("1111111", post.author().id()),
                    () -> assertEquals("Test Firstname Test Lastname", post.author().name()),
                    () -> assertNull(post.author().followers()),
                    () -> assertEquals("/start", post.text()),
                    () -> assertEquals("1111111", post.conversationId()),
                    () -> assertNull(post.url(), "a private chat has no public link"),
                    () -> assertEquals(Instant.ofEpochSecond(1441645532), post.postedAt()));
        }

        @Test
        void a_reply_is_read_as_the_new_message_not_the_one_it_replies_to() throws Exception {
            IncomingPost incoming = parsePresent(official("update_message_with_reply.json"));
            assertEquals("/start", incoming.post().text());
            assertEquals("1111111:1365", incoming.post().platformId());
        }

        @Test
        void an_edited_message_gets_its_own_id_and_points_at_the_original() throws Exception {
            IncomingPost incoming = parsePresent(official("update_edited_message.json"));
            assertEquals("1111111:1365:edit:1441646600", incoming.post().platformId());
            assertTrue(incoming.post().platformId().endsWith(":edit:1441646600"));
            assertEquals("1111111:1365", incoming.editOf());
            assertEquals("Edited text", incoming.post().text());
            assertEquals("10000", incoming.deliveryId());
        }

        @Test
        void a_callback_query_carries_no_post() throws Exception {
            assertEquals(Optional.empty(), webhook.parse(official("update_callback_query.json")));
        }
    }

    @Nested
    class GroupsAndChannels {

        @Test
        void a_public_supergroup_message_links_to_t_me() throws Exception {
            IncomingPost incoming = parsePresent(json("""
                    {"update_id": 9001,
                     "message": {"message_id": 77, "date": 1717000000,
                       "from": {"id": 555, "is_bot": false, "first_name": "Ana", "username": "ana_g"},
                       "chat": {"id": -1001234567890, "type": "supergroup", "title": "Acme Cloud Community",
                                "username": "acmecloud_community"},
                       "text": "@AcmeCloud is down again"}}
                    """));
            Post post = incoming.post();
            assertEquals("https://t.me/acmecloud_community/77", post.url());
            assertEquals("-1001234567890:77", post.platformId());
            assertEquals("-1001234567890", post.conversationId());
            assertEquals(new Author("555", "@ana_g", "Ana", null, null), post.author());
        }

        @Test
        void a_group_without_username_has_no_link() throws Exception {
            IncomingPost incoming = parsePresent(json("""
                    {"update_id": 9002,
                     "message": {"message_id": 5,
                       "from": {"id": 555, "first_name": "Ana"},
                       "chat": {"id": -4001, "type": "group", "title": "Friends"},
                       "text": "hello"}}
                    """));
            assertNull(incoming.post().url());
            assertNull(incoming.post().author().handle());
            assertNull(incoming.post().postedAt(), "no date given");
        }

        @Test
        void a_channel_post_without_sender_is_authored_by_the_channel() throws Exception {
            IncomingPost incoming = parsePresent(json("""
                    {"update_id": 9003,
                     "channel_post": {"message_id": 12, "date": 1717000100,
                       "chat": {"id": -1009876543210, "type": "channel", "title": "Acme Cloud News",
                                "username": "acmecloud_news"},
                       "text": "Maintenance tonight"}}
                    """));
            Post post = incoming.post();
            assertEquals(new Author("-1009876543210", "@acmecloud_news", "Acme Cloud News", null, null),
                    post.author());
            assertEquals("https://t.me/acmecloud_news/12", post.url());
            assertEquals("-1009876543210:12", post.platformId());
            assertNull(incoming.editOf());
        }

        @Test
        void an_edited_channel_post_is_an_edit_of_the_original() throws Exception {
            IncomingPost incoming = parsePresent(json("""
                    {"update_id": 9004,
                     "edited_channel_post": {"message_id": 12, "date": 1717000100, "edit_date": 1717000200,
                       "chat": {"id": -1009876543210, "type": "channel", "title": "Acme Cloud News"},
                       "text": "Maintenance tomorrow"}}
                    """));
            assertEquals("-1009876543210:12:edit:1717000200", incoming.post().platformId());
            assertEquals("-1009876543210:12", incoming.editOf());
            assertEquals("Acme Cloud News", incoming.post().author().display());
        }
    }

    @Nested
    class Content {

        @Test
        void a_photo_without_caption_carries_no_post() throws Exception {
            assertEquals(Optional.empty(), webhook.parse(json("""
                    {"update_id": 9010,
                     "message": {"message_id": 3, "chat": {"id": 1, "type": "private"},
                       "photo": [{"file_id": "AgAD", "file_unique_id": "AQAD", "width": 90, "height": 90}]}}
                    """)));
        }

        @Test
        void a_caption_is_used_as_the_text() throws Exception {
            IncomingPost incoming = parsePresent(json("""
                    {"update_id": 9011,
                     "message": {"message_id": 4, "chat": {"id": 1, "type": "private"},
                       "photo": [{"file_id": "AgAD", "file_unique_id": "AQAD", "width": 90, "height": 90}],
                       "caption": "Error screen after the update"}}
                    """));
            assertEquals("Error screen after the update", incoming.post().text());
        }

        @Test
        void a_blank_text_carries_no_post() throws Exception {
            assertEquals(Optional.empty(), webhook.parse(json("""
                    {"update_id": 9012, "message": {"message_id": 4, "chat": {"id": 1}, "text": "  "}}
                    """)));
        }

        @Test
        void an_update_without_any_message_kind_carries_no_post() throws Exception {
            assertEquals(Optional.empty(), webhook.parse(json("""
                    {"update_id": 9013, "my_chat_member": {"chat": {"id": 1}}}
                    """)));
        }

        @Test
        void a_sender_without_username_or_last_name_has_no_handle_and_a_first_name() throws Exception {
            IncomingPost incoming = parsePresent(json("""
                    {"update_id": 9014,
                     "message": {"message_id": 4, "chat": {"id": 1, "type": "private"},
                       "from": {"id": 1, "first_name": "Ana"}, "text": "hi"}}
                    """));
            assertEquals(new Author("1", null, "Ana", null, null), incoming.post().author());
        }

        @Test
        void an_edit_without_edit_date_still_gets_a_distinct_id() throws Exception {
            IncomingPost incoming = parsePresent(json("""
                    {"update_id": 9015,
                     "edited_message": {"message_id": 4, "chat": {"id": 1, "type": "private"}, "text": "fixed"}}
                    """));
            assertEquals("1:4:edit:0", incoming.post().platformId());
            assertEquals("1:4", incoming.editOf());
        }
    }

    @Nested
    class InvalidPayloads {

        @Test
        void a_body_that_is_not_json_is_rejected() {
            assertEquals("body is not valid JSON", rejection("this is not json {"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "null", "42", "\"update\"", ""})
        void a_body_that_is_not_a_json_object_is_rejected(String body) {
            assertTrue(rejection(body).contains("JSON object"));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "{\"message\": {\"message_id\": 1, \"chat\": {\"id\": 1}, \"text\": \"hi\"}}",
                "{\"update_id\": \"10000\", \"message\": {\"message_id\": 1, \"chat\": {\"id\": 1}, \"text\": \"hi\"}}",
                "{\"update_id\": null}"})
        void an_update_without_an_integer_update_id_is_rejected_naming_update_id(String body) {
            assertTrue(rejection(body).contains("update_id"));
        }

        @Test
        void a_message_without_chat_id_is_rejected() {
            String message = rejection("""
                    {"update_id": 1, "message": {"message_id": 1, "chat": {"type": "private"}, "text": "hi"}}
                    """);
            assertTrue(message.contains("chat.id"), message);
        }

        @Test
        void a_message_without_chat_is_rejected() {
            assertTrue(rejection("""
                    {"update_id": 1, "message": {"message_id": 1, "text": "hi"}}
                    """).contains("chat.id"));
        }

        @Test
        void a_message_without_message_id_is_rejected() {
            assertTrue(rejection("""
                    {"update_id": 1, "message": {"chat": {"id": 1}, "text": "hi"}}
                    """).contains("message_id"));
        }

        @Test
        void a_message_that_is_not_an_object_is_rejected() {
            assertTrue(rejection("""
                    {"update_id": 1, "message": "hi"}
                    """).contains("message_id"));
        }

        @Test
        void a_fractional_update_id_is_rejected() {
            assertTrue(rejection("""
                    {"update_id": 10000.5, "message": {"message_id": 1, "chat": {"id": 1}, "text": "hi"}}
                    """).contains("update_id"));
        }
    }
}
