package org.carebot.bot.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.config.ConfigLoader;
import org.carebot.bot.intake.TriageKit;
import org.carebot.bot.support.TestCarebot;
import org.carebot.triage.Post;
import org.carebot.triage.TextEmbedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator's own model, given as files in config, runs as the bundled one does. The bundled MiniLM, copied out of
 * its jar, stands in for a multilingual model here: none can be downloaded on this machine.
 */
class OnnxEmbedderTest {

    private static Path copy(String resource, Path to) throws IOException {
        try (InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(resource)) {
            Files.copy(in, to);
        }
        return to;
    }

    @Test
    void a_model_from_files_embeds_as_the_bundled_one(@TempDir Path dir) throws IOException {
        Path onnx = copy("/all-minilm-l6-v2-q.onnx", dir.resolve("model.onnx"));
        Path tokenizer = copy("/all-minilm-l6-v2-q-tokenizer.json", dir.resolve("tokenizer.json"));
        List<String> texts = List.of("is @AcmeCloud down?? can't log in 😡", "cobraram duas vezes no meu cartão");

        try (OnnxEmbedder operators = OnnxEmbedder.fromFiles(onnx, tokenizer, PoolingMode.MEAN)) {
            List<float[]> theirs = operators.embedAll(texts);
            List<float[]> bundled = OnnxEmbedder.bundled().embedAll(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(1.0, TextEmbedder.cosine(theirs.get(i), bundled.get(i)), 1e-5, texts.get(i));
            }
            assertEquals(onnx.toString(), operators.name());
        }
    }

    @Test
    void a_text_with_nothing_to_read_embeds_as_nothing_and_its_neighbours_as_usual() {
        OnnxEmbedder model = OnnxEmbedder.bundled();
        // A zero-width space, a byte-order mark, a soft hyphen, a lone accent, a left-to-right mark, half a surrogate
        // pair: the tokenizer keeps none of them, and the model refuses a text without tokens.
        // So does a private-use character: the tokenizer drops it, leaving [CLS] and [SEP] alone.
        List<String> nothing = List.of("\u200b", "\u200b \ufeff", "\u00ad", "\u0301", "\u200e", "\ud800", "\ue000",
                " \uf8ff ");
        List<String> texts = new java.util.ArrayList<>(List.of("charged twice this month"));
        texts.addAll(nothing);
        texts.add("the app crashes on login");

        List<float[]> vectors = model.embedAll(texts);

        assertEquals(texts.size(), vectors.size());
        for (int i = 1; i <= nothing.size(); i++) {
            assertEquals(0.0, TextEmbedder.cosine(vectors.get(i), vectors.get(i)), 0.0, "zero vector for #" + i);
        }
        assertEquals(1.0, TextEmbedder.cosine(vectors.get(0), model.embed(texts.get(0))), 1e-5);
        assertEquals(1.0, TextEmbedder.cosine(vectors.get(texts.size() - 1), model.embed(texts.get(texts.size() - 1))),
                1e-5);
        assertEquals(1.0, TextEmbedder.cosine(model.embed("🙂"), model.embed("🙂")), 1e-5, "an emoji is read");
    }

    @Test
    void a_list_spread_over_threads_comes_back_in_order_as_each_text_alone() {
        List<String> texts = java.util.stream.IntStream.range(0, 24)
                .mapToObj(i -> "post " + i + ": " + (i % 2 == 0 ? "charged twice this month" : "the app crashes on login"))
                .toList();
        List<float[]> together = OnnxEmbedder.bundled().embedAll(texts);
        assertEquals(texts.size(), together.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = OnnxEmbedder.bundled().embed(texts.get(i));
            assertEquals(1.0, TextEmbedder.cosine(together.get(i), alone), 1e-6, texts.get(i));
        }
    }

    /** LangChain4j's own encoder over the bundled model, with the one ONNX thread Carebot gives its session. */
    private static AbstractInProcessEmbeddingModel langChain4j(PoolingMode pooling) throws Exception {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        try (InputStream model = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream("/all-minilm-l6-v2-q.onnx");
             InputStream tokenizer = AllMiniLmL6V2QuantizedEmbeddingModel.class
                     .getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment,
                    environment.createSession(model.readAllBytes(), options), tokenizer, pooling);
            return new AbstractInProcessEmbeddingModel(null) {
                @Override
                protected OnnxBertBiEncoder model() {
                    return encoder;
                }
            };
        }
    }

    @Test
    void each_text_embeds_to_the_bit_as_langchain4j_embeds_it_short_or_longer_than_the_tokenizer_reads(
            @TempDir Path dir) throws Exception {
        AbstractInProcessEmbeddingModel reference = langChain4j(PoolingMode.MEAN);
        AbstractInProcessEmbeddingModel referenceCls = langChain4j(PoolingMode.CLS);
        List<String> texts = List.of("is @AcmeCloud down?? can't log in 😡", "cobraram duas vezes no meu cartão",
                "J'AI PERDU TOUTES MES PHOTOS!!! 😭😭", "ich komm nicht mehr in meinen Account",
                "ｆｕｌｌ－ｗｉｄｔｈ ５５５ and e\u0301 accents", "unpacking straße naïve café 🙃 #AcmeDown",
                "sync ".repeat(800) + "is broken");  // about 1,600 word pieces: both read the first 128
        try (OnnxEmbedder cls = OnnxEmbedder.fromFiles(copy("/all-minilm-l6-v2-q.onnx", dir.resolve("model.onnx")),
                copy("/all-minilm-l6-v2-q-tokenizer.json", dir.resolve("tokenizer.json")), PoolingMode.CLS)) {
            for (String text : texts) {
                String name = text.substring(0, Math.min(40, text.length()));
                org.junit.jupiter.api.Assertions.assertArrayEquals(reference.embed(TextSegment.from(text)).content()
                        .vector(), OnnxEmbedder.bundled().embed(text), name);
                org.junit.jupiter.api.Assertions.assertArrayEquals(referenceCls.embed(TextSegment.from(text)).content()
                        .vector(), cls.embed(text), "CLS pooling: " + name);
            }
            // The same files pooled another way give other vectors, so the example store keeps them apart.
            String bundled = OnnxEmbedder.bundled().identity();
            assertTrue(bundled.matches("model sha256:[0-9a-f]{64} tokenizer sha256:[0-9a-f]{64} pooling:mean "
                    + "onnxruntime:[0-9.]+"), bundled);
            assertEquals(bundled.replace("pooling:mean", "pooling:cls"), cls.identity());
        }
    }

    @Test
    void config_can_name_the_model_that_triage_then_uses(@TempDir Path dir) throws Exception {
        Path onnx = copy("/all-minilm-l6-v2-q.onnx", dir.resolve("model.onnx"));
        Path tokenizer = copy("/all-minilm-l6-v2-q-tokenizer.json", dir.resolve("tokenizer.json"));
        String yaml = Files.readString(TestCarebot.CONFIG).replace("  embedding_cache: 20000", "  embedding_cache: 20000\n"
                + "  embedding_model: {onnx: \"%s\", tokenizer: \"%s\", pooling: mean}".formatted(onnx, tokenizer));
        CarebotConfig config = new ConfigLoader(Map.of("CAREBOT_WARM_UP_PASSES", "0")).parse("test.yml", yaml);

        assertEquals(onnx.toString(), config.triage().embeddingModel().onnx());
        try (TriageKit kit = TriageKit.build(config)) {
            assertTrue(kit.embedder().isPresent());
            assertEquals("billing_issue", kit.engine().triage(Post.ofText("x", "1",
                    "I was charged twice for my subscription this month, please refund the second charge")).intent());
        }
    }
}
