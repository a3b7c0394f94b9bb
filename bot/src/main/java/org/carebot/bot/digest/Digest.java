package org.carebot.bot.digest;

import java.util.List;

/**
 * A page of a queue's held-back posts, platform-neutral: the daily digest's first page, or any page of
 * {@code /care held}. Each line can be restored by its post id.
 *
 * @param period  how far back it looks, for people ("24 h", "7 days"; {@link DigestViews#describe})
 * @param skipped how many newer posts earlier pages listed
 */
public record Digest(String queueName, String period, int total, int skipped, List<Line> lines) {

    public record Line(long postId, String source, String text, String why) {
    }

    public Digest {
        lines = List.copyOf(lines);
    }

    /** "Held back in the last 24 h for Tech support: 312 posts", in plain text. */
    public String summary() {
        return "Held back in the last " + period + " for " + queueName + ": " + total + " posts";
    }

    /** Whether older posts than these were held back too. */
    public boolean more() {
        return skipped + lines.size() < total;
    }

    /** The page after this one, counting from 1. */
    public int nextPage() {
        return skipped / Math.max(1, lines.size()) + 2;
    }
}
