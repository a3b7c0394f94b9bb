package org.carebot.connectors;

import org.carebot.triage.Post;

import java.util.Objects;

/**
 * A post a connector read from a platform request.
 *
 * @param post       the post; its (platform, platformId) is the idempotency key
 * @param deliveryId the platform's id for this delivery (Telegram's update_id), or null
 * @param editOf     for an edit, the platformId of the post it changes; otherwise null
 */
public record IncomingPost(Post post, String deliveryId, String editOf) {
    public IncomingPost {
        Objects.requireNonNull(post, "post");
    }
}
