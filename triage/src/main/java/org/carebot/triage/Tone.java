package org.carebot.triage;

import java.util.Locale;

/** How a post feels: its sentiment, and whether its praise is sarcastic. */
public record Tone(Sentiment sentiment, boolean sarcasm) {

    public enum Sentiment {
        NEGATIVE, NEUTRAL, POSITIVE;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Sentiment parse(String key) {
            return valueOf(key.toUpperCase(Locale.ROOT));
        }
    }

    public static Tone neutral() {
        return new Tone(Sentiment.NEUTRAL, false);
    }
}
