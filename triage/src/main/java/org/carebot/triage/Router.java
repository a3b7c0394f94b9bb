package org.carebot.triage;

import java.util.List;
import java.util.Objects;

/** Picks the owner queue by the first matching rule, in config order; the fallback queue catches the rest. */
public final class Router {

    private final List<RoutingRule> rules;
    private final String fallbackQueue;

    public Router(List<RoutingRule> rules, String fallbackQueue) {
        this.rules = List.copyOf(rules);
        this.fallbackQueue = Objects.requireNonNull(fallbackQueue, "fallbackQueue");
    }

    public Route route(Post post, Triage triage) {
        return rules.stream()
                .filter(rule -> rule.matches(post, triage))
                .findFirst()
                .map(rule -> new Route(rule.queue(), rule.alsoNotify(), rule.name()))
                .orElseGet(() -> new Route(fallbackQueue, List.of(), "fallback"));
    }
}
