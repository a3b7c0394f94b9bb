package org.carebot.bot.outbox;

import java.time.Duration;

/** How one delivery attempt went. */
public sealed interface DeliveryResult {

    record Sent() implements DeliveryResult {
    }

    /** The platform said slow down (HTTP 429); try again after this long. */
    record RateLimited(Duration retryAfter) implements DeliveryResult {
    }

    /** Not sent; {@code retryable} when trying again may succeed (network, 5xx). */
    record Failed(String error, boolean retryable) implements DeliveryResult {
    }

    /** Not ready to send yet (e.g. an update whose card is still being posted); not an attempt. */
    record NotYet(Duration delay) implements DeliveryResult {
    }

    /** No credentials for the chat surface: the delivery stays in the outbox, marked. */
    record NotConfigured() implements DeliveryResult {
    }
}
