package org.carebot.triage;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PostTest {

    @Test
    void a_post_without_author_gets_the_unknown_author() {
        Post post = new Post("x", "1", null, "hi", null, null, null);
        assertEquals(Author.unknown(), post.author());
        assertEquals("unknown", post.author().display());
    }

    @Test
    void platform_platform_id_and_text_are_required() {
        assertEquals("platform", assertThrows(NullPointerException.class,
                () -> new Post(null, "1", null, "hi", null, null, null)).getMessage());
        assertEquals("platformId", assertThrows(NullPointerException.class,
                () -> new Post("x", null, null, "hi", null, null, null)).getMessage());
        assertEquals("text", assertThrows(NullPointerException.class,
                () -> new Post("x", "1", null, null, null, null, null)).getMessage());
    }

    @Test
    void a_text_only_post_has_no_link_time_or_conversation() {
        Post post = Post.ofText("x", "7", "hello");
        assertEquals("x", post.platform());
        assertEquals("7", post.platformId());
        assertEquals("hello", post.text());
        assertNull(post.url());
        assertNull(post.postedAt());
        assertNull(post.conversationId());
    }

    @Test
    void a_text_only_post_without_platform_is_from_an_unknown_platform() {
        assertEquals("unknown", Post.ofText(null, "7", "hello").platform());
    }
}
