package org.carebot.bot.store;

import org.carebot.triage.Post;

import java.time.Instant;

/** A post as kept in the store, with its row id and where it stands in the pipeline. */
public record StoredPost(long id, Post post, String deliveryId, String editOf, Instant receivedAt, PostState state) {
}
