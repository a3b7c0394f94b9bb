package org.carebot.triage;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fake support accounts: a handle or display name that carries the brand and a support word ("@AcmeCl0ud_Help",
 * "Acme Cloud Refunds") but is not one of the brand's own handles. A customer's handle rarely has both.
 */
final class Impostors {

    private static final List<String> SUPPORT_WORDS = List.of("support", "help", "care", "service", "refund",
            "official", "team", "desk", "assist", "agent", "admin", "verify", "recovery", "soporte", "ayuda", "hilfe",
            "kundendienst", "suporte", "ajuda", "reembolso", "remboursement");

    private final List<String> brandTokens;
    private final Set<String> officialHandles;

    Impostors(List<String> brandTokens, List<String> officialHandles) {
        this.brandTokens = brandTokens.stream().map(PhishingLinks::unleet).toList();
        this.officialHandles = officialHandles.stream().map(Author::bareHandle).collect(Collectors.toSet());
    }

    /** The author's handle or name when it imitates the brand's support, as written. */
    Optional<String> of(Author author) {
        if (author.handle() != null && officialHandles.contains(Author.bareHandle(author.handle()))) return Optional.empty();
        if (author.handle() != null && imitates(author.handle())) return Optional.of(author.handle());
        if (author.name() != null && imitates(author.name())) return Optional.of("\"" + author.name() + "\"");
        return Optional.empty();
    }

    private boolean imitates(String handleOrName) {
        String squashed = PhishingLinks.unleet(handleOrName.replace(" ", ""));
        return brandTokens.stream().anyMatch(squashed::contains) && SUPPORT_WORDS.stream().anyMatch(squashed::contains);
    }
}
