package org.carebot.bot.config;

import org.carebot.bot.support.TestCarebot;
import org.carebot.triage.CarebotTriageEngine;
import org.carebot.triage.LanguageGuess;
import org.carebot.triage.Post;
import org.carebot.triage.Triage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spam rules of the shipped config on their own (keywords, patterns, lookalike links; no model): scams without a
 * link or a known keyword are caught by what they ask for, and customers using the same words are not suppressed.
 */
class ShippedSpamRulesTest {

    private static CarebotTriageEngine rules;

    @BeforeAll
    static void load() {
        CarebotConfig config = new ConfigLoader(Map.of()).load(TestCarebot.CONFIG);
        rules = new CarebotTriageEngine(TriageSetup.rules(config), TriageSetup.personalData(config),
                new LanguageGuess(config.languages()));
    }

    private static Triage triage(String text) {
        return rules.triage(Post.ofText("x", "1", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Problems with Acme billing? Write to acme.billing.help@gmail.com, we refund the same day",
            "Votre remboursement Acme vous attend, confirmez sur acme-remboursement.com",
            "hello dear, i saw your profile and you seem honest, can we talk on whatsapp?",
            "Trabalhe de casa R$120/h, só mandar seus dados bancarios no direct",
            "mi cuenta nueva de memes, sigueme y te sigo 🔁 #followback",
            "lost access? the hacker Dave recovered mine in 20 min, whatsapp him +1 415 555 0199",
    })
    void a_scam_without_a_known_phrase_is_caught_by_what_it_asks_for(String scam) {
        assertTrue(triage(scam).spam(), scam);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "I typed my card details into the Acme checkout and got charged twice, please help",
            "Acme support said the 30% off deal was today only but my invoice shows full price",
            "a hacker got into my Acme account and changed my recovery phone, help!!",
            "Wrote to support@acmecloud.com about my refund three days ago, no answer",
            "check out my screenshot: the sync icon has been spinning for 2 hours",
    })
    void a_customer_using_the_same_words_is_not_suppressed(String customer) {
        assertFalse(triage(customer).spam(), customer);
    }
}
