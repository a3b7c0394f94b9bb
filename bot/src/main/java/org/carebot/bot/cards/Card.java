package org.carebot.bot.cards;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A case as shown in chat, with no chat platform's types: each surface renders it its own way
 * (Slack Block Kit today, Teams Adaptive Cards next).
 *
 * @param caseId   the case; every action on the card carries only this id
 * @param headline one line: priority, intent, platform, author
 * @param banner   a line above everything else (moved, escalated, resolved), or null
 * @param tally    how many repeats joined the case, from where, over how long; or null
 * @param repeats  the latest repeats, newest first
 * @param quote    the post's words, personal data masked
 * @param link     the original post, or null
 * @param fields   short labelled facts
 * @param owner    the chat user id of whoever claimed the case, or null
 * @param notes    what happened to the case, oldest first
 * @param actions  buttons and selects, empty for read-only cards
 */
public record Card(long caseId, String headline, String banner, String tally, List<Repeat> repeats, String quote,
                   String link, List<Field> fields, String owner, List<Note> notes, List<CardAction> actions) {

    public Card {
        Objects.requireNonNull(headline, "headline");
        repeats = List.copyOf(repeats);
        fields = List.copyOf(fields);
        notes = List.copyOf(notes);
        actions = List.copyOf(actions);
    }

    public record Field(String label, String value) {
    }

    /**
     * A post that joined the case as a repeat: where and by whom, its words (personal data masked), how it matched,
     * and whether the card offers to split it off ({@link CardActions#SPLIT_REPEAT}, carrying the post id).
     */
    public record Repeat(long postId, String source, String quote, String how, boolean splittable) {
    }

    /** Something that happened: {@code actor} is a chat user id, or {@code system}. */
    public record Note(String actor, String text, Instant at) {
    }
}
