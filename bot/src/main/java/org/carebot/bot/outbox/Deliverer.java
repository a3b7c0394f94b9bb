package org.carebot.bot.outbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sends one delivery to a chat surface. The delivery worker decides when; this decides how. */
public interface Deliverer {

    /** The platform's pace for this call: at most one call per interval for the key (e.g. per channel). */
    record Pace(String key, Duration interval) {
    }

    Optional<Pace> pace(Delivery delivery);

    /**
     * The pace of each of these deliveries, by delivery id: the worker asks once per pass over what is due (hundreds
     * of deliveries wait during a storm), so a deliverer that must look the pace up can do it in one query.
     */
    default Map<Long, Optional<Pace>> paces(List<Delivery> deliveries) {
        Map<Long, Optional<Pace>> paces = new HashMap<>();
        for (Delivery delivery : deliveries) paces.put(delivery.id(), pace(delivery));
        return paces;
    }

    DeliveryResult deliver(Delivery delivery);
}
