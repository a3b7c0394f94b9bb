package org.carebot.bot.support;

/** Telegram Bot API updates as Telegram sends them, for a public supergroup. */
public final class TelegramUpdates {

    private TelegramUpdates() {
    }

    public static String message(long updateId, long messageId, String text) {
        return """
                {"update_id": %d,
                 "message": {"message_id": %d, "date": 1764064800,
                   "chat": {"id": -1001234567890, "type": "supergroup", "title": "Acme Cloud Community",
                            "username": "acmecloud_community"},
                   "from": {"id": 424242, "is_bot": false, "first_name": "Dana", "username": "dana_k"},
                   "text": %s}}
                """.formatted(updateId, messageId, quote(text));
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
