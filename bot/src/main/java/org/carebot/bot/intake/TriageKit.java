package org.carebot.bot.intake;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.config.TriageSetup;
import org.carebot.bot.embedding.ExampleEmbeddingFile;
import org.carebot.bot.embedding.OnnxEmbedder;
import org.carebot.bot.store.LabeledExampleStore;
import org.carebot.bot.store.SensitiveLabelStore;
import org.carebot.triage.CachingEmbedder;
import org.carebot.triage.ClusterIndex;
import org.carebot.triage.Duplicates;
import org.carebot.triage.Fingerprint;
import org.carebot.triage.CarebotTriageEngine;
import org.carebot.triage.ExampleIndex;
import org.carebot.triage.ExampleIntentClassifier;
import org.carebot.triage.FloodSignal;
import org.carebot.triage.IntentClassifier;
import org.carebot.triage.IntentModel;
import org.carebot.triage.KeywordIntentClassifier;
import org.carebot.triage.LanguageGuess;
import org.carebot.triage.PersonalData;
import org.carebot.triage.Post;
import org.carebot.triage.Router;
import org.carebot.triage.SemanticFlags;
import org.carebot.triage.SensitiveFlag;
import org.carebot.triage.ToneReader;
import org.carebot.triage.TextEmbedder;
import org.carebot.triage.TriageEngine;
import org.carebot.triage.TriageRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Everything triage needs, built from config: the engine, the router, and for the embeddings engine the example index
 * that retags keep teaching. Building it embeds every config example (which also loads the model) and trains the intent
 * model; {@link #warmUp()} then readies the JIT. Closing it stops the intent model's training thread.
 */
public final class TriageKit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TriageKit.class);

    private final TriageEngine engine;
    private final Router router;
    private final PersonalData personalData;
    private final ExampleIndex examples;
    private final Optional<TextEmbedder> embedder;
    private final int workers;
    private final Duplicates duplicates;
    private final java.time.Duration clusterWindow;
    private final FloodSignal floodSignal;
    private final List<String> exampleTexts;
    private final int warmUpPasses;
    private final Optional<IntentModel> model;
    private final SemanticFlags semanticFlags;

    private TriageKit(TriageEngine engine, Router router, PersonalData personalData, ExampleIndex examples,
                      SemanticFlags semanticFlags, Optional<TextEmbedder> embedder, Optional<IntentModel> model,
                      CarebotConfig config) {
        CarebotConfig.ClusterTuning clusters = config.clusters();
        this.engine = engine;
        this.semanticFlags = semanticFlags;
        this.model = model;
        this.router = router;
        this.personalData = personalData;
        this.examples = examples;
        this.embedder = embedder;
        this.workers = config.triage().workers();
        this.exampleTexts = config.intents().stream().flatMap(intent -> intent.examples().stream()).toList();
        this.warmUpPasses = config.triage().warmUpPasses();
        this.duplicates = new Duplicates(new Duplicates.Settings(clusters.nearDuplicateBits(), clusters.semanticSimilarity()));
        this.clusterWindow = clusters.window();
        this.floodSignal = new FloodSignal(config.brand().tokens(), config.brand().officialDomains(),
                config.brand().officialHandles(), personalData);
    }

    /** Whether a post sends readers off the brand's domains: with many accounts repeating it, a bot flood. */
    public FloodSignal floodSignal() {
        return floodSignal;
    }

    /** The words, SimHash and (with the embeddings engine) the embedding of a text; the embedding comes from the cache. */
    public Fingerprint fingerprint(String text) {
        return Fingerprint.of(text, embedder.map(e -> e.embed(text)).orElse(null));
    }

    public List<Fingerprint> fingerprints(List<String> texts) {
        List<float[]> vectors = embedder.map(e -> e.embedAll(texts)).orElse(null);
        List<Fingerprint> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) out.add(Fingerprint.of(texts.get(i), vectors == null ? null : vectors.get(i)));
        return out;
    }

    public Duplicates duplicates() {
        return duplicates;
    }

    public ClusterIndex newClusterIndex() {
        return new ClusterIndex(duplicates, clusterWindow);
    }

    public java.time.Duration clusterWindow() {
        return clusterWindow;
    }

    public static TriageKit build(CarebotConfig config) {
        return config.triage().engine() == CarebotConfig.TriageTuning.Engine.KEYWORDS ? withKeywords(config)
                : withEmbeddings(config, sharedEmbedder(config.triage()));
    }

    private static TriageKit withKeywords(CarebotConfig config) {
        TriageRules rules = TriageSetup.rules(config);
        PersonalData personalData = TriageSetup.personalData(config);
        ExampleIndex examples = new ExampleIndex();
        return new TriageKit(new CarebotTriageEngine(rules, personalData, new LanguageGuess(config.languages()),
                new KeywordIntentClassifier(rules), SemanticFlags.none(), tones(config, null, examples)),
                TriageSetup.router(config), personalData, examples, SemanticFlags.none(), Optional.empty(),
                Optional.empty(), config);
    }

    /** The embeddings engine over {@code shared}'s cache; the config examples' vectors kept on disk are used first. */
    static TriageKit withEmbeddings(CarebotConfig config, SharedEmbedder shared) {
        CarebotConfig.TriageTuning tuning = config.triage();
        TriageRules rules = TriageSetup.rules(config);
        PersonalData personalData = TriageSetup.personalData(config);
        LanguageGuess languages = new LanguageGuess(config.languages());
        ExampleIndex examples = new ExampleIndex();
        long started = System.nanoTime();
        CachingEmbedder embedder = shared.cache();
        Optional<ExampleEmbeddingFile> store = tuning.exampleStoreDirectory()
                .map(directory -> ExampleEmbeddingFile.in(directory, shared.modelIdentity()));
        Set<String> texts = textsEmbeddedAtStart(config);
        int stored = embedExamples(texts, store, embedder);
        long embedded = System.nanoTime();
        List<ExampleIndex.Example> written = configExamples(config, embedder);
        examples.addAll(written);
        IntentModel model = null;
        if (tuning.modelWeight() > 0) {
            model = new IntentModel(examples, rules);
            model.warmUp();  // the first model trains now; retags later retrain it in the background
        }
        long trained = System.nanoTime();
        IntentClassifier classifier = new ExampleIntentClassifier(embedder, examples, rules,
                new ExampleIntentClassifier.Settings(tuning.neighbours(), tuning.minSimilarity(), tuning.keywordWeight(),
                        tuning.temperature(), tuning.surfaceWeight(), tuning.modelWeight()), model);
        SemanticFlags semanticFlags = new SemanticFlags(embedder, sensitiveExamples(config), flagThresholds(tuning), written);
        long done = System.nanoTime();
        log.info("Embeddings engine ready in {} ms: {} example texts embedded in {} ms ({}), the intent model trained "
                        + "on {} examples in {} ms, the flag models on {} sensitive-content examples, {} counter-examples "
                        + "and {} lookalikes in {} ms",
                (done - started) / 1_000_000, texts.size(), (embedded - started) / 1_000_000,
                store.map(file -> stored + " of them read from " + file.path())
                        .orElse("triage.example_store is not set"),
                examples.size(), (trained - embedded) / 1_000_000,
                config.sensitiveExamples().values().stream().mapToInt(List::size).sum(),
                config.sensitiveCounterExamples().values().stream().mapToInt(List::size).sum(),
                config.sensitiveLookalikes().values().stream().mapToInt(List::size).sum(),
                (done - trained) / 1_000_000);
        return new TriageKit(new CarebotTriageEngine(rules, personalData, languages, classifier, semanticFlags,
                        tones(config, embedder, examples)),
                TriageSetup.router(config), personalData, examples, semanticFlags, Optional.of(embedder),
                Optional.ofNullable(model), config);
    }

    /**
     * A model's cache of embeddings, which every engine built in this process with that model shares, and the model's
     * identity ({@link OnnxEmbedder#identity()}), under which the config examples' vectors are kept on disk.
     */
    record SharedEmbedder(String modelIdentity, CachingEmbedder cache) {
    }

    private static final Map<Optional<CarebotConfig.TriageTuning.EmbeddingModel>, SharedEmbedder> sharedEmbedders =
            new HashMap<>();

    /**
     * One cache per model in the process: a Carebot started again in the same process (a test, a reloaded config)
     * finds its thousands of examples embedded. The first capacity asked for holds.
     */
    private static synchronized SharedEmbedder sharedEmbedder(CarebotConfig.TriageTuning tuning) {
        return sharedEmbedders.computeIfAbsent(Optional.ofNullable(tuning.embeddingModel()), choice -> {
            long started = System.nanoTime();
            OnnxEmbedder model = choice.map(TriageKit::operatorsModel).orElseGet(OnnxEmbedder::bundled);
            log.info("Embedding model: {}, loaded in {} ms", model.name(), (System.nanoTime() - started) / 1_000_000);
            return new SharedEmbedder(model.identity(), new CachingEmbedder(model, tuning.embeddingCache()));
        });
    }

    /**
     * Every text the engine embeds from config at start: the intent examples, and each flag's examples,
     * counter-examples and lookalikes.
     */
    private static Set<String> textsEmbeddedAtStart(CarebotConfig config) {
        Set<String> texts = new LinkedHashSet<>();
        config.intents().forEach(intent -> texts.addAll(intent.examples()));
        config.sensitiveExamples().values().forEach(texts::addAll);
        config.sensitiveCounterExamples().values().forEach(texts::addAll);
        config.sensitiveLookalikes().values().forEach(texts::addAll);
        return texts;
    }

    /**
     * Puts every example text's vector into the cache: those the store's file holds as they are, the others through
     * the model; then rewrites the file unless it held exactly these texts. Returns how many came from the file.
     */
    private static int embedExamples(Set<String> texts, Optional<ExampleEmbeddingFile> store, CachingEmbedder cache) {
        ExampleEmbeddingFile.Found found = store.map(file -> file.read(texts))
                .orElse(new ExampleEmbeddingFile.Found(Map.of(), false));
        found.vectors().forEach(cache::remember);
        if (found.exactly()) return found.vectors().size();
        List<String> missing = texts.stream().filter(text -> !found.vectors().containsKey(text)).toList();
        List<float[]> embedded = cache.embedAll(missing);
        store.ifPresent(file -> {
            Map<String, float[]> all = new LinkedHashMap<>(found.vectors());
            for (int i = 0; i < missing.size(); i++) all.put(missing.get(i), embedded.get(i));
            file.write(all);
        });
        return found.vectors().size();
    }

    private static OnnxEmbedder operatorsModel(CarebotConfig.TriageTuning.EmbeddingModel model) {
        return OnnxEmbedder.fromFiles(Path.of(model.onnx()), Path.of(model.tokenizer()),
                model.pooling() == CarebotConfig.TriageTuning.EmbeddingModel.Pooling.CLS
                        ? PoolingMode.CLS : PoolingMode.MEAN);
    }

    /** The scores sensitive flags must reach, and how they are made, as configured. */
    public static SemanticFlags.Thresholds flagThresholds(CarebotConfig.TriageTuning tuning) {
        return new SemanticFlags.Thresholds(tuning.sensitiveSimilarity(), tuning.sensitiveSimilarityByFlag(),
                tuning.sensitiveSurfaceWeight(), tuning.sensitiveModelWeight(), tuning.sensitiveKeywordFloorByFlag(),
                tuning.sensitiveModelFloor(), new SemanticFlags.BySentence(tuning.sensitiveBySentence().flags(),
                        tuning.sensitiveBySentence().minWords()));
    }

    /** Each flag's example posts with its counter-examples and lookalikes, as written in config. */
    public static Map<SensitiveFlag, SemanticFlags.Examples> sensitiveExamples(CarebotConfig config) {
        Map<SensitiveFlag, SemanticFlags.Examples> examples = new EnumMap<>(SensitiveFlag.class);
        config.sensitiveExamples().forEach((flag, posts) -> examples.put(flag,
                new SemanticFlags.Examples(posts, config.sensitiveCounterExamples().getOrDefault(flag, List.of()),
                        config.sensitiveLookalikes().getOrDefault(flag, List.of()))));
        return examples;
    }

    private static ToneReader tones(CarebotConfig config, TextEmbedder embedder, ExampleIndex examples) {
        CarebotConfig.ToneConfig tone = config.tone();
        List<String> praiseWords = config.intents().stream().filter(i -> i.name().equals(tone.praiseIntent()))
                .flatMap(i -> i.keywords().stream()).toList();
        return new ToneReader(praiseWords, Set.copyOf(tone.complaintIntents()), tone.praiseIntent(), embedder,
                examples, Set.copyOf(tone.meaningLanguages()), tone.negativePoints());
    }

    private static List<ExampleIndex.Example> configExamples(CarebotConfig config, TextEmbedder embedder) {
        List<String> texts = new ArrayList<>();
        List<String> intents = new ArrayList<>();
        for (CarebotConfig.IntentConfig intent : config.intents()) {
            for (String example : intent.examples()) {
                texts.add(example);
                intents.add(intent.name());
            }
        }
        List<float[]> vectors = embedder.embedAll(texts);
        List<ExampleIndex.Example> examples = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            examples.add(new ExampleIndex.Example(intents.get(i), texts.get(i), vectors.get(i), ExampleIndex.Source.CONFIG));
        }
        return examples;
    }

    /** A person said this text is {@code intent}: the next similar post benefits at once. No-op for keywords. */
    public void learn(String text, String intent) {
        embedder.ifPresent(e -> examples.add(new ExampleIndex.Example(intent, text, e.embed(text), ExampleIndex.Source.RETAG)));
    }

    /** Relearns stored labels at start, in one batch. */
    public void learnAll(List<LabeledExampleStore.LabeledExample> labeled) {
        if (labeled.isEmpty() || embedder.isEmpty()) return;
        List<float[]> vectors = embedder.get().embedAll(labeled.stream().map(LabeledExampleStore.LabeledExample::text).toList());
        List<ExampleIndex.Example> added = new ArrayList<>();
        for (int i = 0; i < labeled.size(); i++) {
            added.add(new ExampleIndex.Example(labeled.get(i).intent(), labeled.get(i).text(), vectors.get(i),
                    ExampleIndex.Source.RETAG));
        }
        examples.addAll(added);
        log.info("Relearned {} examples labeled by people", added.size());
    }

    /**
     * A person said this text is (or is not) of a sensitive flag: it becomes one of the flag's examples (or
     * counter-examples), and the next similar post is read with it at once. No-op for keywords.
     */
    public void learnSensitive(String text, SensitiveFlag flag, boolean sensitive) {
        if (embedder.isPresent()) semanticFlags.learn(text, flag, sensitive);
    }

    /** Relearns stored flag labels at start, in one rebuild. */
    public void learnAllSensitive(List<SensitiveLabelStore.SensitiveLabel> labeled) {
        if (labeled.isEmpty() || embedder.isEmpty()) return;
        semanticFlags.learnAll(labeled.stream()
                .map(label -> new SemanticFlags.Lesson(label.text(), label.flag(), label.sensitive())).toList());
        log.info("Relearned {} sensitive-content labels given by people", labeled.size());
    }

    /**
     * Triages every intent example {@code triage.warm_up_passes} times (0: not at all), on the worker threads. Their embeddings are cached by now, so this is the Java
     * half of triage only: the JIT compiles it before the first real post instead of while the first posts queue up
     * (measured: 100 posts/s right after start waited 3-5 s, docs/PERFORMANCE.md).
     */
    public void warmUp() {
        if (warmUpPasses == 0 || exampleTexts.isEmpty()) return;
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int pass = 0; pass < warmUpPasses; pass++) {
                for (int i = 0; i < exampleTexts.size(); i++) {
                    Post post = Post.ofText("warm-up", "warm-up-" + i, exampleTexts.get(i));
                    done.add(pool.submit(() -> engine.triage(post)));
                }
            }
            for (Future<?> future : done) future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            throw new IllegalStateException("triage failed on a config example: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
        log.info("Triage warmed up on {} examples, {} times, in {} ms", exampleTexts.size(), warmUpPasses,
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void close() {
        model.ifPresent(IntentModel::close);
    }

    public TriageEngine engine() {
        return engine;
    }

    public Router router() {
        return router;
    }

    public PersonalData personalData() {
        return personalData;
    }

    public ExampleIndex examples() {
        return examples;
    }

    public Optional<TextEmbedder> embedder() {
        return embedder;
    }

    public int workers() {
        return workers;
    }
}
