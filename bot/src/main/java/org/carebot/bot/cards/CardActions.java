package org.carebot.bot.cards;

/** The action ids every surface routes on. A case button carries only the case id, a post button the post id. */
public final class CardActions {
    public static final String PREFIX = "case.";
    public static final String CLAIM = "case.claim";
    public static final String RETAG = "case.retag";
    public static final String ESCALATE = "case.escalate";
    /** A select: {@code +flag} says the post is of that sensitive flag, {@code -flag} that it is not. */
    public static final String SENSITIVE = "case.sensitive";
    public static final String RESOLVE = "case.resolve";
    public static final String BLOCK_AUTHOR = "case.block";
    public static final String UNBLOCK_AUTHOR = "case.unblock";
    /** In a digest: the button value is the post id. */
    public static final String RESTORE_POST = "post.restore";
    /** Beside a repeat on a card: the post is another issue; the button value is the post id. */
    public static final String SPLIT_REPEAT = "post.split";

    private CardActions() {
    }
}
