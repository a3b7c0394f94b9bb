package org.carebot.bot.outbox;

import java.util.Optional;

/** Without chat credentials nothing is sent: deliveries stay in the outbox, marked not configured. */
public final class NotConfiguredDeliverer implements Deliverer {

    @Override
    public Optional<Pace> pace(Delivery delivery) {
        return Optional.empty();
    }

    @Override
    public DeliveryResult deliver(Delivery delivery) {
        return new DeliveryResult.NotConfigured();
    }
}
