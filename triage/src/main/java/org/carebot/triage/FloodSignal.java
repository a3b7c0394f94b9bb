package org.carebot.triage;

import java.util.List;
import java.util.Optional;

/**
 * What tells a bot flood from customers copying one complaint: the copies send readers somewhere, to a link off the
 * brand's domains or to a phone number. Customers who paste "is Acme down?" do not; a campaign does.
 */
public final class FloodSignal {

    private final PhishingLinks links;
    private final PersonalData personalData;

    public FloodSignal(List<String> brandTokens, List<String> officialDomains, List<String> officialHandles,
                       PersonalData personalData) {
        this.links = new PhishingLinks(brandTokens, officialDomains, officialHandles);
        this.personalData = personalData;
    }

    /** The first off-brand domain or phone number the text sends readers to; empty when it sends them nowhere. */
    public Optional<String> lure(String text) {
        List<String> domains = links.offsite(text);
        if (!domains.isEmpty()) return Optional.of(domains.get(0));
        return personalData.find(text).stream().filter(span -> span.kind().equals("phone")).findFirst()
                .map(span -> text.substring(span.start(), span.end()));
    }
}
