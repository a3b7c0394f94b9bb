package org.carebot.triage;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One routing rule from config: when every given condition holds, the post goes to {@code queue}.
 * An empty condition set matches anything; {@code flags} matches when the post has any of them.
 */
public record RoutingRule(String name, Set<String> intents, Set<Priority> priorities, Set<String> platforms,
                          Set<SensitiveFlag> flags, Set<String> languages, String queue, List<String> alsoNotify) {

    public RoutingRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(queue, "queue");
        intents = Set.copyOf(intents);
        priorities = Set.copyOf(priorities);
        platforms = Set.copyOf(platforms);
        flags = Set.copyOf(flags);
        languages = Set.copyOf(languages);
        alsoNotify = List.copyOf(alsoNotify);
    }

    boolean matches(Post post, Triage triage) {
        return (intents.isEmpty() || intents.contains(triage.intent()))
                && (priorities.isEmpty() || priorities.contains(triage.priority()))
                && (platforms.isEmpty() || platforms.contains(post.platform()))
                && (flags.isEmpty() || triage.sensitive().stream().anyMatch(flags::contains))
                && (languages.isEmpty() || languages.contains(triage.language()));
    }
}
