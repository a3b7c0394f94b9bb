package org.carebot.bot.config;

import org.carebot.bot.support.TestCarebot;
import org.carebot.triage.Priority;
import org.carebot.triage.SensitiveFlag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    private static final String SOURCE = "config/test.yml";

    private static String shipped() throws Exception {
        return Files.readString(TestCarebot.CONFIG);
    }

    private static ConfigException failure(String yaml) {
        return assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).parse(SOURCE, yaml));
    }

    @Test
    void the_shipped_config_loads_with_every_section() {
        CarebotConfig config = new ConfigLoader(Map.of()).load(TestCarebot.CONFIG);

        assertEquals("Acme Cloud", config.brand().name());
        assertTrue(config.intentNames().containsAll(java.util.List.of("billing_issue", "bug_report", "feature_request",
                "account_access", "pr_risk", "spam_or_scam", "abuse_report")));
        assertEquals(Duration.ofHours(1), config.requireQueue("tech").sla().firstResponse());
        assertEquals(Duration.ofDays(1), config.requireQueue("tech").sla().resolution());
        assertEquals(7, config.priority().flags().get(SensitiveFlag.SELF_HARM));
        assertEquals(0.175, config.triage().sensitiveSimilarityByFlag().get(SensitiveFlag.SELF_HARM));
        assertEquals(0.8, config.triage().sensitiveSurfaceWeight());
        assertEquals(0.5, config.triage().sensitiveModelWeight());
        assertEquals(Map.of(SensitiveFlag.FRAUD, 0.15, SensitiveFlag.MISINFORMATION, 0.25),
                config.triage().sensitiveKeywordFloorByFlag());
        assertEquals(3, config.triage().warmUpPasses());
        assertEquals(0.6, config.spam().classifierConfidence());
        assertTrue(config.sensitiveCounterExamples().get(SensitiveFlag.SELF_HARM).size() >= 30);
        assertEquals(0.5, config.autoReply().maxSensitiveSimilarity());
        assertEquals(java.util.List.of("US", "GB", "ES", "FR", "BR"), config.nationalIdRegions());
        assertEquals(java.util.Set.of(Priority.P1, Priority.P2), config.routing().rules().stream()
                .filter(r -> !r.when().priorities().isEmpty()).findFirst().orElseThrow().when().priorities());
        assertEquals(java.util.List.of("comms"), config.routing().rules().get(0).alsoNotify());
        assertEquals(java.util.List.of("care_leads"), config.holdersOf(Permission.ESCALATE, config.requireQueue("tech")));
        assertEquals(java.util.List.of("channel"), config.holdersOf(Permission.CLAIM, config.requireQueue("tech")));
    }

    @Test
    void environment_variables_fill_placeholders_and_defaults_apply_when_unset() throws Exception {
        CarebotConfig fromEnv = new ConfigLoader(Map.of("CAREBOT_CHANNEL_BILLING", "C0FROMENV")).parse(SOURCE, shipped());
        CarebotConfig defaults = new ConfigLoader(Map.of()).parse(SOURCE, shipped());

        assertEquals("C0FROMENV", fromEnv.requireQueue("billing").slackChannel());
        assertEquals("C0CAREBILL", defaults.requireQueue("billing").slackChannel());
    }

    @Test
    void a_variable_without_default_that_is_unset_names_the_line() throws Exception {
        String yaml = shipped().replace("${CAREBOT_CHANNEL_BILLING:-C0CAREBILL}", "${BILLING_CHANNEL}");

        ConfigException e = failure(yaml);

        assertTrue(e.getMessage().startsWith(SOURCE + ": line "), e.getMessage());
        assertTrue(e.getMessage().contains("BILLING_CHANNEL is not set"), e.getMessage());
    }

    @Test
    void a_route_to_an_unknown_queue_names_the_path_and_the_known_queues() throws Exception {
        ConfigException e = failure(shipped().replace("queue: billing\n", "queue: billingg\n"));

        assertTrue(e.getMessage().contains(SOURCE + ": routing.rules[5].queue: unknown queue 'billingg'"), e.getMessage());
    }

    @Test
    void a_bad_duration_names_the_path() throws Exception {
        ConfigException e = failure(shipped().replace("sla: {first_response: 1h, resolution: 1d}\n  - id: billing",
                "sla: {first_response: soon, resolution: 1d}\n  - id: billing"));

        assertTrue(e.getMessage().contains("queues[0].sla.first_response"), e.getMessage());
        assertTrue(e.getMessage().contains("expected a duration like 30m"), e.getMessage());
    }

    @Test
    void an_unknown_key_is_refused_with_its_path() throws Exception {
        ConfigException e = failure(shipped().replace("  - id: tech\n", "  - id: tech\n    colour: blue\n"));

        assertTrue(e.getMessage().contains("queues[0]"), e.getMessage());
        assertTrue(e.getMessage().contains("colour"), e.getMessage());
    }

    @Test
    void broken_yaml_names_the_line() {
        ConfigException e = failure("brand:\n  name: [unclosed\nqueues: {");

        assertTrue(e.getMessage().startsWith(SOURCE + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("line"), e.getMessage());
    }

    @Test
    void an_unknown_role_in_permissions_is_refused() throws Exception {
        ConfigException e = failure(shipped().replace("escalate: [care_leads]", "escalate: [care_leeds]"));

        assertTrue(e.getMessage().contains("default_permissions.escalate: unknown role 'care_leeds'"), e.getMessage());
    }

    @Test
    void an_unknown_sensitive_flag_in_a_rule_is_refused() throws Exception {
        ConfigException e = failure(shipped().replace("when: {flags: [self_harm, safety]}", "when: {flags: [self_harm, saftey]}"));

        assertTrue(e.getMessage().contains("routing.rules[0].when.flags"), e.getMessage());
    }

    @Test
    void intents_name_the_flags_that_decide_for_them_and_one_flag_cannot_do_both() throws Exception {
        CarebotConfig shipped = new ConfigLoader(Map.of()).parse(SOURCE, shipped());
        CarebotConfig.IntentConfig praise = shipped.intents().stream().filter(i -> i.name().equals("praise"))
                .findFirst().orElseThrow();
        assertEquals(java.util.Set.of(SensitiveFlag.SELF_HARM), praise.ruledOutByFlags());

        ConfigException e = failure(shipped().replace("ruled_out_by_flags: [self_harm]",
                "named_by_flags: [fraud]\n    ruled_out_by_flags: [self_harm, fraud]"));

        assertTrue(e.getMessage().contains(".ruled_out_by_flags: 'fraud' is in named_by_flags too"), e.getMessage());

        ConfigException spam = failure(shipped().replace("suppressed, never a work card.\n    risk: 0",
                "suppressed, never a work card.\n    risk: 0\n    named_by_flags: [fraud]"));
        assertTrue(spam.getMessage().contains(".named_by_flags: spam is suppressed by the spam rules, not named by a flag"),
                spam.getMessage());
    }

    @Test
    void a_model_floor_needs_flag_models_and_a_likelihood_between_0_and_1() throws Exception {
        assertEquals(0.05, new ConfigLoader(Map.of()).parse("carebot.yml", shipped()).triage().sensitiveModelFloor());
        ConfigException range = failure(shipped().replace("sensitive_model_floor: 0.05", "sensitive_model_floor: 1.5"));
        assertTrue(range.getMessage().contains("triage.sensitive_model_floor: must be within 0..1"), range.getMessage());
        ConfigException noModels = failure(shipped().replace("sensitive_model_weight: 0.5", "sensitive_model_weight: 0")
                .replace("  sensitive_keyword_floor_by_flag: {fraud: 0.15, misinformation: 0.25}\n", ""));
        assertTrue(noModels.getMessage().contains("triage.sensitive_model_floor: needs triage.sensitive_model_weight"),
                noModels.getMessage());
    }

    @Test
    void only_known_intents_that_open_cases_can_storm() throws Exception {
        String listed = "intents: [outage_report, billing_issue, bug_report, account_access, pr_risk, abuse_report, other]";
        CarebotConfig config = new ConfigLoader(Map.of()).parse("carebot.yml", shipped());
        assertTrue(config.storms().storms("outage_report"));
        assertFalse(config.storms().storms("feature_request"), "a wave of feature requests pages nobody");
        assertTrue(config.storms().storms("other"), "a cluster of posts triage could not place still storms");
        CarebotConfig everyIntent = new ConfigLoader(Map.of()).parse("carebot.yml", shipped().replace(listed, ""));
        assertTrue(everyIntent.storms().storms("feature_request"), "without the list, every intent storms");

        ConfigException unknown = failure(shipped().replace(listed, "intents: [outage_report, outages]"));
        assertTrue(unknown.getMessage().contains("storms.intents[1]: unknown intent 'outages'"), unknown.getMessage());
        ConfigException spam = failure(shipped().replace(listed, "intents: [spam_or_scam]"));
        assertTrue(spam.getMessage().contains("storms.intents[0]: 'spam_or_scam' is suppressed, never a case"),
                spam.getMessage());
    }

    @Test
    void a_national_id_region_without_a_check_is_refused_with_the_known_ones() throws Exception {
        ConfigException e = failure(shipped().replace("national_id_regions: [US, GB, ES, FR, BR]",
                "national_id_regions: [US, JP]"));

        assertTrue(e.getMessage().contains("national_id_regions[1]: no national id check for 'JP'; known: [BR, ES, FR, GB, US]"),
                e.getMessage());
    }

    @Test
    void self_harm_keywords_can_never_be_overruled_and_floors_stay_within_zero_and_one() throws Exception {
        ConfigException e = failure(shipped().replace(
                "sensitive_keyword_floor_by_flag: {fraud: 0.15, misinformation: 0.25}",
                "sensitive_keyword_floor_by_flag: {fraud: 1.5, self_harm: 0.1}"));

        assertTrue(e.getMessage().contains("triage.sensitive_keyword_floor_by_flag.fraud: must be within 0..1"),
                e.getMessage());
        assertTrue(e.getMessage().contains("triage.sensitive_keyword_floor_by_flag.self_harm: cannot be set: self harm "
                + "is never overruled"), e.getMessage());
    }

    @Test
    void a_keyword_floor_needs_the_flag_models() throws Exception {
        ConfigException e = failure(shipped().replace("sensitive_model_weight: 0.5 ", "sensitive_model_weight: 0 "));

        assertTrue(e.getMessage().contains("triage.sensitive_keyword_floor_by_flag: needs triage.sensitive_model_weight "
                + "above 0"), e.getMessage());
    }

    @Test
    void per_flag_similarities_and_the_auto_reply_margin_must_be_within_zero_and_one() throws Exception {
        ConfigException e = failure(shipped().replace("self_harm: 0.175", "self_harm: 1.5")
                .replace("max_sensitive_similarity: 0.5", "max_sensitive_similarity: 0")
                .replace("sensitive_surface_weight: 0.8", "sensitive_surface_weight: 1.2")
                .replace("surface_weight: 0.5 ", "surface_weight: -0.1 ")
                .replace("model_weight: 0.5 ", "model_weight: 2 ")
                .replace("warm_up_passes: ${CAREBOT_WARM_UP_PASSES:-3}", "warm_up_passes: -1"));

        assertTrue(e.getMessage().contains("triage.sensitive_similarity_by_flag.self_harm: must be within 0..1"),
                e.getMessage());
        assertTrue(e.getMessage().contains("triage.sensitive_surface_weight: must be within 0..1"), e.getMessage());
        assertTrue(e.getMessage().contains("triage.sensitive_model_weight: must be within 0..1"), e.getMessage());
        assertTrue(e.getMessage().contains("triage.surface_weight: must be within 0..1"), e.getMessage());
        assertTrue(e.getMessage().contains("triage.model_weight: must be within 0..1"), e.getMessage());
        assertTrue(e.getMessage().contains("triage.warm_up_passes: must be within 0..10"), e.getMessage());
        assertTrue(e.getMessage().contains("auto_reply.max_sensitive_similarity: must be within 0..1"), e.getMessage());
    }

    @Test
    void counter_examples_need_the_flags_own_examples() throws Exception {
        ConfigException e = failure(shipped().replace("sensitive_counter_examples:\n",
                "sensitive_counter_examples:\n  personal_data: [\"my email is on my website anyway\"]\n"));

        assertTrue(e.getMessage().contains("sensitive_counter_examples.personal_data: counter-examples only refine"),
                e.getMessage());
    }

    @Test
    void lookalikes_need_the_flags_own_examples_and_a_bad_classifier_similarity_is_refused() throws Exception {
        ConfigException e = failure(shipped().replace("sensitive_lookalikes:\n",
                "sensitive_lookalikes:\n  personal_data: [\"my email is on my website anyway\"]\n")
                .replace("classifier_similarity: 0.35", "classifier_similarity: 1.5"));

        assertTrue(e.getMessage().contains("sensitive_lookalikes.personal_data: lookalikes only refine"), e.getMessage());
        assertTrue(e.getMessage().contains("spam.classifier_similarity: must be within 0..1"), e.getMessage());
    }

    @Test
    void unmistakable_and_human_keywords_are_read_and_an_empty_keyword_is_refused_in_any_list() throws Exception {
        CarebotConfig shipped = new ConfigLoader(Map.of()).parse(SOURCE, shipped());
        assertTrue(shipped.sensitiveUnmistakable().get(SensitiveFlag.FRAUD).contains("acme is a scam"));
        assertTrue(shipped.autoReply().humanKeywords().containsAll(java.util.List.of("is it true", "stimmt es")));

        ConfigException e = failure(shipped().replace("sensitive_unmistakable:\n",
                "sensitive_unmistakable:\n  legal_threat: [\"see you in court\", \"  \"]\n")
                .replace("  legal_threat: [\"counsel\",", "  legal_threat: [\"*\", \"counsel\",")
                .replace("  human_keywords: [\"is it true\",", "  human_keywords: [\"\", \"is it true\","));

        assertTrue(e.getMessage().contains("sensitive_unmistakable.legal_threat: has an empty keyword"), e.getMessage());
        assertTrue(e.getMessage().contains("sensitive.legal_threat: has an empty keyword ('*')"), e.getMessage());
        assertTrue(e.getMessage().contains("auto_reply.human_keywords: has an empty keyword ('')"), e.getMessage());
    }

    @Test
    void self_harm_is_read_by_sentence_in_long_posts_and_personal_data_or_zero_words_are_refused() throws Exception {
        CarebotConfig.TriageTuning.SensitiveBySentence shipped = new ConfigLoader(Map.of()).parse(SOURCE, shipped())
                .triage().sensitiveBySentence();
        assertEquals(java.util.Set.of(SensitiveFlag.SELF_HARM), shipped.flags());
        assertEquals(30, shipped.minWords());

        ConfigException e = failure(shipped().replace("sensitive_by_sentence: {flags: [self_harm], min_words: 30}",
                "sensitive_by_sentence: {flags: [self_harm, personal_data], min_words: 0}"));

        assertTrue(e.getMessage().contains("triage.sensitive_by_sentence.min_words: must be at least 1"), e.getMessage());
        assertTrue(e.getMessage().contains("triage.sensitive_by_sentence.flags: personal_data is found by patterns"),
                e.getMessage());
    }

    @Test
    void an_operators_embedding_model_must_point_at_readable_files() throws Exception {
        ConfigException e = failure(shipped().replace("  embedding_cache: 20000", "  embedding_cache: 20000\n"
                + "  embedding_model: {onnx: /nowhere/model.onnx, tokenizer: \"\", pooling: cls}"));

        assertTrue(e.getMessage().contains("triage.embedding_model.onnx: no readable file at /nowhere/model.onnx"),
                e.getMessage());
        assertTrue(e.getMessage().contains("triage.embedding_model.tokenizer: is required"), e.getMessage());
    }

    @Test
    void the_example_store_is_a_directory_from_the_environment_or_none() throws Exception {
        assertEquals(Path.of("data", "example-embeddings"),
                new ConfigLoader(Map.of()).parse(SOURCE, shipped()).triage().exampleStoreDirectory().orElseThrow());
        assertEquals(Path.of("/var/cache/carebot"), new ConfigLoader(Map.of("CAREBOT_EXAMPLE_STORE", "/var/cache/carebot"))
                .parse(SOURCE, shipped()).triage().exampleStoreDirectory().orElseThrow());
        assertTrue(new ConfigLoader(Map.of()).parse(SOURCE, shipped().replace(
                        "example_store: ${CAREBOT_EXAMPLE_STORE:-data/example-embeddings}", "example_store: \"\""))
                .triage().exampleStoreDirectory().isEmpty());

        ConfigException e = failure(shipped().replace("${CAREBOT_EXAMPLE_STORE:-data/example-embeddings}",
                TestCarebot.CONFIG.toString()));

        assertTrue(e.getMessage().contains("triage.example_store: is the file " + TestCarebot.CONFIG
                + ": it must name a directory"), e.getMessage());
    }

    @Test
    void priority_thresholds_must_fall() throws Exception {
        ConfigException e = failure(shipped().replace("thresholds: {p1: 7, p2: 4, p3: 2}", "thresholds: {p1: 2, p2: 4, p3: 7}"));

        assertTrue(e.getMessage().contains("priority.thresholds: must fall"), e.getMessage());
    }

    @Test
    void a_missing_file_says_so_and_how_to_point_at_one(@org.junit.jupiter.api.io.TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of()).load(dir.resolve("nope.yml")));

        assertTrue(e.getMessage().contains("file not found"));
        assertTrue(e.getMessage().contains("CAREBOT_CONFIG"));
    }
}
