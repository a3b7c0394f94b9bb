package org.carebot.bot.cards;

import java.util.List;

/** A control on a card. Action ids are the constants in {@link CardActions}. */
public sealed interface CardAction {

    String actionId();

    record Button(String actionId, String label, Style style) implements CardAction {
    }

    record Select(String actionId, String placeholder, List<Option> options) implements CardAction {
        public Select {
            options = List.copyOf(options);
        }
    }

    record Option(String label, String value) {
    }

    enum Style { DEFAULT, PRIMARY, DANGER }
}
