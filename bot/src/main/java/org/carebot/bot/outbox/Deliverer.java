package org.carebot.bot.outbox;

import java.time.Duration;
import java.util.Optional;

/** Sends one delivery to a chat surface. The delivery worker decides when; this decides how. */
public interface Deliverer {

    /** The platform's pace for this call: at most one call per interval for the key (e.g. per channel). */
    record Pace(String key, Duration interval) {
    }

    Optional<Pace> pace(Delivery delivery);

    DeliveryResult deliver(Delivery delivery);
}
