package org.carebot.triage;

/**
 * A text a regular expression may read only until its time is up, after which reading throws {@link Expired}. The
 * spam patterns in config are written by operators, and a pattern that backtracks badly (nested quantifiers over a
 * long run of letters) could otherwise hold a triage worker for seconds per post: Java's regex engine has no timeout.
 */
final class TimeBoxedText implements CharSequence {

    /** Thrown once the text's time is up; without a stack trace, as it is expected and cheap to throw. */
    static final class Expired extends RuntimeException {
        Expired() {
            super("the pattern ran out of time", null, false, false);
        }
    }

    /** The clock is read once every this many characters read: reading it at each one would double a match's cost. */
    private static final int CHECK_EVERY = 1 << 12;

    private final String text;
    private final long deadline;
    private int reads;

    TimeBoxedText(String text, long budgetNanos) {
        this.text = text;
        this.deadline = System.nanoTime() + budgetNanos;
    }

    @Override
    public char charAt(int index) {
        if ((++reads & (CHECK_EVERY - 1)) == 0 && System.nanoTime() - deadline > 0) throw new Expired();
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    /** What a match captured: plain text, read after the search. */
    @Override
    public CharSequence subSequence(int start, int end) {
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
