package org.carebot.bot.digest;

import java.util.List;

/** A queue's daily digest of suppressed posts, platform-neutral; each line can be restored by its post id. */
public record Digest(String queueName, int total, List<Line> lines) {

    public record Line(long postId, String source, String text, String why) {
    }

    public Digest {
        lines = List.copyOf(lines);
    }
}
