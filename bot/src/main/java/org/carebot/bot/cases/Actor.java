package org.carebot.bot.cases;

/** A person acting on a case from chat: their user id and the channel the action came from. */
public record Actor(String userId, String channel) {
    public static final String SYSTEM = "system";
}
