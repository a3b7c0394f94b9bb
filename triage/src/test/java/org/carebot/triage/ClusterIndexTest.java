package org.carebot.triage;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterIndexTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final ClusterIndex index = new ClusterIndex(new Duplicates(Duplicates.Settings.defaults()), Duration.ofMinutes(30));

    private static float[] unit(float... values) {
        double norm = 0;
        for (float v : values) norm += v * v;
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (float) (values[i] / Math.sqrt(norm));
        return out;
    }

    private static Fingerprint print(String text, float... vector) {
        return Fingerprint.of(text, vector.length == 0 ? null : unit(vector));
    }

    @Test
    void the_same_words_match_whatever_the_intent_and_links_mentions_and_emoji_do_not_count() {
        index.add(1, "outage_report", print("Is @AcmeCloud down?? can't log in"), NOW);

        List<ClusterIndex.Join> joins = index.candidates(print("RT @dana: is @AcmeCloud down can't log in 😡 #acmedown https://t.co/x"),
                "billing_issue", NOW.plusSeconds(60));

        assertEquals(1, joins.size());
        assertEquals(Duplicates.Match.Kind.EXACT, joins.get(0).match().kind());
    }

    @Test
    void posts_of_no_words_are_the_same_only_when_what_they_have_is() {
        // The model reads every emoji as unknown: both embed alike, and still they are not the same issue.
        index.add(1, "other", print("@AcmeCloud 😡", 1, 0, 0), NOW);

        assertEquals(List.of(), index.candidates(print("@AcmeCloud 👍", 1, 0, 0), "other", NOW.plusSeconds(60)),
                "no words in either is not the same words, nor the same meaning");
        assertEquals(List.of(), index.candidates(print("https://imgur.com/a/screenshot"), "other", NOW.plusSeconds(60)));
        List<ClusterIndex.Join> copy = index.candidates(print("@acmecloud   😡"), "other", NOW.plusSeconds(60));
        assertEquals(1, copy.size(), "the same emoji to the same account is a repeat");
        assertEquals(Duplicates.Match.Kind.EXACT, copy.get(0).match().kind());
    }

    @Test
    void a_post_split_off_its_case_takes_its_copies_to_its_new_case() {
        index.add(1, "outage_report", print("the app is down for everyone", 1, 0, 0), NOW);
        Fingerprint wrongJoin = print("the app is down since I changed my password", 0.95f, 0.3f, 0);
        index.add(1, "outage_report", wrongJoin, NOW.plusSeconds(10));

        index.split(1, 2, "account_access", wrongJoin, NOW.plusSeconds(20));

        List<ClusterIndex.Join> copy = index.candidates(print("The app is down since I changed my password!!", 0.95f, 0.3f, 0),
                "account_access", NOW.plusSeconds(30));
        assertEquals(2, copy.get(0).caseId(), "the copy joins the new case first");
        assertEquals(Duplicates.Match.Kind.EXACT, copy.get(0).match().kind());
        assertTrue(copy.stream().noneMatch(join -> join.caseId() == 1 && join.match().kind() == Duplicates.Match.Kind.EXACT),
                "the old case no longer holds those words");
        assertEquals(1, index.candidates(print("the app is down for everyone", 1, 0, 0), "outage_report",
                NOW.plusSeconds(30)).get(0).caseId(), "the old case keeps its own posts");
    }

    @Test
    void a_split_in_the_same_words_as_the_case_leaves_the_case_its_own_post_and_other_repeats() {
        index.add(1, "outage_report", print("is acmecloud down??"), NOW);
        index.add(1, "outage_report", print("Is AcmeCloud down? 😡"), NOW.plusSeconds(5));
        Fingerprint split = print("is acmecloud down");
        index.add(1, "outage_report", split, NOW.plusSeconds(10));

        index.split(1, 2, "outage_report", split, NOW.plusSeconds(20));

        List<Long> cases = index.candidates(print("is acmecloud down !!"), "outage_report", NOW.plusSeconds(30)).stream()
                .map(ClusterIndex.Join::caseId).toList();
        assertEquals(List.of(2L, 1L), cases, "the latest member of those words is the new case's; the old case keeps its own");
        assertEquals(3, index.size(), "one member moved, none lost");
    }

    @Test
    void a_near_repeat_is_found_through_the_simhash_bands() {
        index.add(1, "bug_report", print("the export button does nothing on android since the last update"), NOW);

        List<ClusterIndex.Join> joins = index.candidates(
                print("the export button does nothing on android since the last update please"), "bug_report", NOW);

        assertEquals(1, joins.size());
        assertEquals(Duplicates.Match.Kind.NEAR, joins.get(0).match().kind());
    }

    @Test
    void a_near_repeat_in_every_band_is_found_when_config_allows_more_bits_than_there_are_bands() {
        // One bit flipped in each 16-bit band: no band is the same, so only a comparison with the member finds it.
        long simHash = 0x0123_4567_89AB_CDEFL;
        long fourBitsApart = simHash ^ 1L ^ (1L << 16) ^ (1L << 32) ^ (1L << 48);
        Fingerprint first = new Fingerprint("the export button does nothing", simHash, unit(1, 0, 0));
        Fingerprint repeat = new Fingerprint("the export button does nothing at all", fourBitsApart, unit(0, 1, 0));
        ClusterIndex wide = new ClusterIndex(new Duplicates(new Duplicates.Settings(4, 0.88)), Duration.ofMinutes(30));
        wide.add(1, "bug_report", first, NOW);
        index.add(1, "bug_report", first, NOW);

        List<ClusterIndex.Join> joins = wide.candidates(repeat, "bug_report", NOW);

        assertEquals(1, joins.size());
        assertEquals(Duplicates.Match.Kind.NEAR, joins.get(0).match().kind());
        assertTrue(index.candidates(repeat, "bug_report", NOW).isEmpty(), "3 bits at most by default");
    }

    @Test
    void the_same_issue_in_other_words_matches_only_within_the_intent() {
        index.add(1, "outage_report", print("everything is down", 1, 0, 0), NOW);

        assertEquals(1, index.candidates(print("nothing loads at all", 0.99f, 0.1f, 0), "outage_report", NOW).size());
        assertEquals(0, index.candidates(print("nothing loads at all", 0.99f, 0.1f, 0), "billing_issue", NOW).size());
        assertEquals(0, index.candidates(print("something else entirely", 0, 1, 0), "outage_report", NOW).size());
    }

    @Test
    void after_a_retag_the_same_issue_in_other_words_is_found_under_the_new_intent() {
        index.add(1, "general_question", print("is there a way to export my files to pdf", 1, 0, 0), NOW);

        index.retag(1, "feature_request");

        Fingerprint paraphrase = print("how can I export my files as pdf", 0.99f, 0.1f, 0);
        assertEquals(1, index.candidates(paraphrase, "feature_request", NOW).size());
        assertEquals(0, index.candidates(paraphrase, "general_question", NOW).size());
    }

    @Test
    void members_expire_after_the_window_and_forgotten_cases_take_no_repeats() {
        index.add(1, "outage_report", print("down again"), NOW);
        index.add(2, "billing_issue", print("charged twice"), NOW.plus(Duration.ofMinutes(20)));

        assertTrue(index.candidates(print("down again"), "outage_report", NOW.plus(Duration.ofMinutes(31))).isEmpty());
        index.forget(2);
        assertTrue(index.candidates(print("charged twice"), "billing_issue", NOW.plus(Duration.ofMinutes(21))).isEmpty());
        assertEquals(0, index.size());
    }

    @Test
    void a_case_keeps_its_first_post_and_a_few_latest_however_many_repeats_join() {
        for (int i = 0; i < 50; i++) index.add(7, "outage_report", print("down " + i), NOW.plusSeconds(i));

        assertEquals(5, index.size());
        assertEquals(7, index.candidates(print("down 0"), "outage_report", NOW.plusSeconds(60)).get(0).caseId(),
                "the first post stays");
    }

    @Test
    void the_same_issue_in_other_words_still_finds_the_right_case_after_others_leave() {
        index.add(1, "outage_report", print("login page spins forever", 1, 0, 0), NOW);
        index.add(2, "outage_report", print("app will not open on iphone", 0, 1, 0), NOW);
        index.add(3, "outage_report", print("api returns 503 for every call", 0, 0, 1), NOW);

        index.forget(1);

        assertTrue(index.candidates(print("sign in never finishes loading", 1, 0.05f, 0), "outage_report", NOW).isEmpty());
        assertEquals(3, index.candidates(print("every request gets a 503", 0, 0.05f, 1), "outage_report", NOW).get(0).caseId());
        assertEquals(2, index.candidates(print("iphone app does not start", 0, 1, 0.05f), "outage_report", NOW).get(0).caseId());

        index.forget(3);  // case 3 took case 1's row when case 1 left: its row must be the one removed now

        assertTrue(index.candidates(print("every request gets a 503", 0, 0.05f, 1), "outage_report", NOW).isEmpty());
        assertEquals(2, index.candidates(print("iphone app does not start", 0, 1, 0.05f), "outage_report", NOW).get(0).caseId());
        assertEquals(1, index.size());
    }
}
