package org.carebot.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds links whose domain imitates the brand without being one of its official domains. */
final class PhishingLinks {

    /**
     * A host starts where a run of host characters starts, and has at most 30 labels: an unbounded repetition recursed
     * once per label and overflowed the stack on "www.www.www..." (5,000 labels), and starts inside a run made a long
     * word quadratic.
     */
    private static final Pattern DOMAIN = Pattern.compile("(?i)(https?://)?(?<![a-z0-9.-])"
            + "((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.){1,30}([a-z]{2,24}))(?=[/:?#\\s]|$|[),.!])");
    /**
     * Without a scheme, "@AcmeCloud.Great support" would read as a domain: a bare domain counts only with a top-level
     * domain people and scammers actually use.
     */
    private static final Set<String> BARE_TLDS = Set.of("com", "net", "org", "io", "co", "info", "biz", "app", "dev",
            "help", "support", "online", "site", "website", "top", "xyz", "live", "link", "click", "shop", "store",
            "cloud", "tech", "services", "service", "center", "security", "me", "us", "uk", "de", "fr", "es", "it",
            "pt", "br", "nl", "eu", "ru", "cn", "in", "tk", "ml", "ga", "cf", "gq", "cc", "ly", "to", "ai", "gg", "vip",
            "win", "bid", "icu", "buzz", "ws", "su", "pw", "lol", "fun");

    private final List<String> brandTokens;
    private final List<String> officialDomains;
    /** The brand's own handles, lowercase, without "@". */
    private final Set<String> officialHandles;

    PhishingLinks(List<String> brandTokens, List<String> officialDomains) {
        this(brandTokens, officialDomains, List.of());
    }

    PhishingLinks(List<String> brandTokens, List<String> officialDomains, List<String> officialHandles) {
        this.brandTokens = brandTokens.stream().map(PhishingLinks::unleet).toList();
        this.officialDomains = officialDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
        this.officialHandles = officialHandles.stream().map(Author::bareHandle)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The lookalike domains in the text, lowercase. */
    List<String> lookalikes(String text) {
        return offsite(text).stream().filter(domain -> {
            String squashed = unleet(domain);
            return brandTokens.stream().anyMatch(squashed::contains);
        }).toList();
    }

    /** The domains of links in the text that are not the brand's own, lowercase, in order. */
    List<String> offsite(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = DOMAIN.matcher(text);
        while (matcher.find()) {
            String domain = matcher.group(2).toLowerCase(Locale.ROOT);
            if (matcher.group(1) == null && !BARE_TLDS.contains(matcher.group(3).toLowerCase(Locale.ROOT))) continue;
            if (matcher.group(1) == null && isOfficialHandleAndWord(text, matcher.start(2), domain)) continue;
            if (!isOfficial(domain) && !found.contains(domain)) found.add(domain);
        }
        return found;
    }

    /**
     * "@AcmeCloud.it keeps crashing" mentions the brand's account, then a word. Only the brand's own handles are read
     * so: "@acmecl0ud-refund.com" is a lookalike link, and so is the domain of an address ("refunds@acmecl0ud.help").
     */
    private boolean isOfficialHandleAndWord(String text, int hostStart, String host) {
        if (hostStart == 0 || text.charAt(hostStart - 1) != '@') return false;
        if (hostStart > 1) {
            char before = text.charAt(hostStart - 2);
            if (Character.isLetterOrDigit(before) || "._%+-".indexOf(before) >= 0) return false;
        }
        int dot = host.indexOf('.');
        return dot > 0 && dot == host.lastIndexOf('.') && officialHandles.contains(host.substring(0, dot));
    }

    private boolean isOfficial(String domain) {
        return officialDomains.stream().anyMatch(o -> domain.equals(o) || domain.endsWith("." + o));
    }

    /** Undo the usual character swaps of lookalike domains and drop separators: acmec1oud-help -> acmecloudhelp. */
    static String unleet(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '0' -> out.append('o');
                case '1' -> out.append('l');
                case '3' -> out.append('e');
                case '4' -> out.append('a');
                case '5' -> out.append('s');
                case '7' -> out.append('t');
                case '-', '_', '.' -> { }
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
