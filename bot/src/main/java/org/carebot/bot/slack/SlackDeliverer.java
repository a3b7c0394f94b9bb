package org.carebot.bot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import io.micrometer.core.instrument.MeterRegistry;
import org.carebot.bot.cards.Card;
import org.carebot.bot.cards.CardFactory;
import org.carebot.bot.cards.CaseViews;
import org.carebot.bot.outbox.Deliverer;
import org.carebot.bot.outbox.Delivery;
import org.carebot.bot.outbox.DeliveryResult;
import org.carebot.bot.outbox.Outbox;
import org.carebot.bot.store.CardStore;
import org.carebot.bot.store.Database;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sends outbox deliveries to the Slack Web API: {@code chat.postMessage} for a card's first appearance in a
 * channel, {@code chat.update} after that, {@code chat.postEphemeral} for messages to one person.
 */
public final class SlackDeliverer implements Deliverer {

    /** Slack allows about one message per second per channel. */
    static final Duration POST_INTERVAL = Duration.ofSeconds(1);
    /** chat.update is Tier 3: 50+ per minute per workspace. */
    static final Duration UPDATE_INTERVAL = Duration.ofMillis(1200);
    private static final Set<String> RETRYABLE_ERRORS = Set.of("internal_error", "fatal_error", "service_unavailable",
            "request_timeout", "ratelimited");

    private final MethodsClient slack;
    private final Database database;
    private final CaseViews views;
    private final CardStore cards;
    private final CardFactory factory;
    private final SlackCards slackCards;
    private final Outbox outbox;
    private final MeterRegistry metrics;
    private final org.carebot.bot.digest.DigestViews digests;

    public SlackDeliverer(MethodsClient slack, Database database, CaseViews views, CardStore cards, CardFactory factory,
                          SlackCards slackCards, Outbox outbox, MeterRegistry metrics,
                          org.carebot.bot.digest.DigestViews digests) {
        this.slack = slack;
        this.database = database;
        this.views = views;
        this.cards = cards;
        this.factory = factory;
        this.slackCards = slackCards;
        this.outbox = outbox;
        this.metrics = metrics;
        this.digests = digests;
    }

    @Override
    public Optional<Pace> pace(Delivery delivery) {
        return paces(List.of(delivery)).get(delivery.id());
    }

    /** A card already posted in its channel is updated (chat.update's pace), otherwise posted (the channel's). */
    @Override
    public Map<Long, Optional<Pace>> paces(List<Delivery> deliveries) {
        List<Long> caseIds = deliveries.stream().filter(d -> d.kind() == Delivery.Kind.CARD).map(Delivery::caseId)
                .toList();
        Set<String> posted = new HashSet<>();
        for (CardStore.CardPlacement card : database.withHandle(h -> cards.listAll(h, caseIds))) {
            if (card.messageTs() != null) posted.add(card.caseId() + "\n" + card.channel());
        }
        Map<Long, Optional<Pace>> paces = new HashMap<>();
        for (Delivery delivery : deliveries) {
            Pace postPace = new Pace("chat.postMessage:" + delivery.channel(), POST_INTERVAL);
            paces.put(delivery.id(), switch (delivery.kind()) {
                case EPHEMERAL -> Optional.empty();
                case DIGEST -> Optional.of(postPace);
                case CARD -> Optional.of(posted.contains(delivery.caseId() + "\n" + delivery.channel())
                        ? new Pace("chat.update", UPDATE_INTERVAL) : postPace);
            });
        }
        return paces;
    }

    @Override
    public DeliveryResult deliver(Delivery delivery) {
        return switch (delivery.kind()) {
            case EPHEMERAL -> sendEphemeral(delivery);
            case DIGEST -> sendDigest(delivery);
            case CARD -> sendCard(delivery);
        };
    }

    private DeliveryResult sendDigest(Delivery delivery) {
        org.carebot.bot.digest.Digest digest = database.withHandle(h -> digests.build(h, outbox.payload(delivery)));
        var blocks = slackCards.renderDigest(digest);
        return call("chat.postMessage", () -> slack.chatPostMessage(r -> r.channel(delivery.channel()).text(digest.summary())
                .blocks(blocks).unfurlLinks(false)));
    }

    private DeliveryResult sendEphemeral(Delivery delivery) {
        Map<String, String> payload = outbox.ephemeralPayload(delivery);
        return call("chat.postEphemeral", () -> slack.chatPostEphemeral(r -> r.channel(delivery.channel())
                .user(payload.get("user")).text(payload.get("text"))));
    }

    private DeliveryResult sendCard(Delivery delivery) {
        record Loaded(CardStore.CardPlacement placement, Card card) {
        }
        Optional<Loaded> loaded = database.withHandle(h -> cards.find(h, delivery.caseId(), delivery.channel())
                .flatMap(placement -> views.load(h, delivery.caseId())
                        .map(view -> new Loaded(placement, factory.build(view, placement.role())))));
        if (loaded.isEmpty()) return new DeliveryResult.Failed("case or card placement no longer exists", false);
        Card card = loaded.get().card();
        var blocks = slackCards.render(card);
        String text = slackCards.fallbackText(card);
        String ts = loaded.get().placement().messageTs();
        if (ts == null) {
            return call("chat.postMessage", () -> {
                ChatPostMessageResponse response = slack.chatPostMessage(r -> r.channel(delivery.channel()).text(text)
                        .blocks(blocks).unfurlLinks(false));
                // The message's ts makes every later change an update in place.
                if (response.isOk()) {
                    database.useTransaction(h -> cards.setMessageTs(h, delivery.caseId(), delivery.channel(),
                            response.getTs()));
                }
                return response;
            });
        }
        return call("chat.update", () -> slack.chatUpdate(r -> r.channel(delivery.channel()).ts(ts).text(text)
                .blocks(blocks)));
    }

    private interface SlackCall {
        SlackApiTextResponse run() throws IOException, SlackApiException;
    }

    private DeliveryResult call(String method, SlackCall call) {
        try {
            SlackApiTextResponse response = call.run();
            if (response.isOk()) return new DeliveryResult.Sent();
            metrics.counter("carebot.slack.errors", "method", method, "error", response.getError()).increment();
            if ("ratelimited".equals(response.getError())) return new DeliveryResult.RateLimited(Duration.ofSeconds(1));
            return new DeliveryResult.Failed(method + ": " + response.getError(),
                    RETRYABLE_ERRORS.contains(response.getError()));
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            metrics.counter("carebot.slack.errors", "method", method, "error", "http_" + status).increment();
            if (status == 429) return new DeliveryResult.RateLimited(retryAfter(e.getResponse().header("Retry-After")));
            return new DeliveryResult.Failed(method + ": HTTP " + status, status >= 500);
        } catch (IOException e) {
            metrics.counter("carebot.slack.errors", "method", method, "error", "io").increment();
            return new DeliveryResult.Failed(method + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), true);
        }
    }

    static Duration retryAfter(String header) {
        try {
            long seconds = Long.parseLong(header == null ? "" : header.trim());
            return Duration.ofSeconds(Math.max(1, seconds));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }
}
