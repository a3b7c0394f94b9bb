package org.carebot.bot.intake;

import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.config.ConfigLoader;
import org.carebot.bot.support.TestCarebot;
import org.carebot.triage.CachingEmbedder;
import org.carebot.triage.Post;
import org.carebot.triage.TextEmbedder;
import org.carebot.triage.Triage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The config examples' embeddings are kept on disk: a second start embeds none of them and triages the same. */
class ExampleStoreTest {

    /** Stands in for the model: a fixed unit vector per text, and a count of the texts it was asked to embed. */
    private static final class CountingModel implements TextEmbedder {
        final AtomicInteger embedded = new AtomicInteger();

        @Override
        public List<float[]> embedAll(List<String> texts) {
            embedded.addAndGet(texts.size());
            return texts.stream().map(CountingModel::vector).toList();
        }

        private static float[] vector(String text) {
            Random random = new Random(text.hashCode());
            float[] vector = new float[384];
            double sum = 0;
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) random.nextGaussian();
                sum += vector[d] * vector[d];
            }
            for (int d = 0; d < vector.length; d++) vector[d] /= (float) Math.sqrt(sum);
            return vector;
        }
    }

    private static TriageKit start(CarebotConfig config, String identity, CountingModel model) {
        return start(config, identity, model, 20_000);
    }

    private static TriageKit start(CarebotConfig config, String identity, CountingModel model, int cacheCapacity) {
        return TriageKit.withEmbeddings(config,
                new TriageKit.SharedEmbedder(identity, new CachingEmbedder(model, cacheCapacity)));
    }

    @Test
    void a_second_start_reads_every_example_embedding_and_triages_the_same(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("example-embeddings");
        CarebotConfig config = new ConfigLoader(Map.of("CAREBOT_EXAMPLE_STORE", store.toString())).load(TestCarebot.CONFIG);
        Post post = Post.ofText("x", "1", "You charged my card twice this month and support ignores me, I want a refund");

        CountingModel first = new CountingModel();
        Triage before;
        int examples;
        try (TriageKit kit = start(config, "model A", first)) {
            examples = first.embedded.get();
            before = kit.engine().triage(post);
        }
        assertTrue(examples > 2_000, "every config example embedded once: " + examples);
        try (var files = Files.list(store)) {
            assertEquals(1, files.count());
        }

        CountingModel second = new CountingModel();
        try (TriageKit kit = start(config, "model A", second)) {
            assertEquals(0, second.embedded.get(), "no example embedded again");
            Triage after = kit.engine().triage(post);
            assertEquals(1, second.embedded.get(), "the post itself");
            assertEquals(before.intent(), after.intent());
            assertEquals(before.intentConfidence(), after.intentConfidence());
            assertEquals(before.sensitive(), after.sensitive());
            assertEquals(before.priority(), after.priority());
        }

        CountingModel otherModel = new CountingModel();
        try (TriageKit ignored = start(config, "model B", otherModel)) {
            assertEquals(examples, otherModel.embedded.get(), "another model's vectors are not reused");
        }
    }

    @Test
    void the_file_holds_every_example_even_when_the_cache_holds_fewer(@TempDir Path dir) {
        CarebotConfig config = new ConfigLoader(Map.of("CAREBOT_EXAMPLE_STORE", dir.toString())).load(TestCarebot.CONFIG);
        try (TriageKit ignored = start(config, "model A", new CountingModel(), 100)) {
            // The examples no longer fit the cache: the engine embeds most of them again, as it would without a store.
        }

        CountingModel second = new CountingModel();
        try (TriageKit ignored = start(config, "model A", second)) {
            assertEquals(0, second.embedded.get());
        }
    }

    @Test
    void without_a_store_every_start_embeds_the_examples(@TempDir Path dir) throws Exception {
        String shipped = Files.readString(TestCarebot.CONFIG);
        assertTrue(shipped.contains("  example_store: ${CAREBOT_EXAMPLE_STORE:-data/example-embeddings}\n"));
        Path withoutStore = Files.writeString(dir.resolve("carebot.yml"), shipped.replace(
                "  example_store: ${CAREBOT_EXAMPLE_STORE:-data/example-embeddings}\n", "  example_store: \"\"\n"));
        CarebotConfig config = new ConfigLoader(Map.of()).load(withoutStore);
        assertTrue(config.triage().exampleStoreDirectory().isEmpty());
        CountingModel model = new CountingModel();
        try (TriageKit ignored = start(config, "model A", model)) {
            assertTrue(model.embedded.get() > 2_000);
        }
    }
}
