package org.carebot.bot.embedding;

import org.carebot.bot.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The config examples' embeddings, kept in a file between starts. Embedding the 2,700 examples of the shipped config
 * is most of the engine's start-up (about 6 of 8 s on two cores), and they change only with the config or the model.
 * <p>
 * Each vector is stored under the SHA-256 of its text, and the file under the model's {@link OnnxEmbedder#identity()}:
 * another model, tokenizer or ONNX Runtime finds a file of its own or none. Only config texts are written, never
 * posts. The file saves time and nothing depends on it: one that cannot be read (missing, cut short, of another
 * model) is embedded over and replaced, one that cannot be written is skipped with a warning.
 */
public final class ExampleEmbeddingFile {

    private static final Logger log = LoggerFactory.getLogger(ExampleEmbeddingFile.class);
    /** "CBE1": Carebot embeddings, format 1. */
    private static final int MAGIC = 0x43424531;
    private static final int DIGEST_BYTES = 32;

    private final Path file;
    private final String modelIdentity;

    private ExampleEmbeddingFile(Path file, String modelIdentity) {
        this.file = file;
        this.modelIdentity = modelIdentity;
    }

    /** The file for this model in {@code directory}, which is created when the file is first written. */
    public static ExampleEmbeddingFile in(Path directory, String modelIdentity) {
        String name = "examples-" + Sha256.hex(modelIdentity).substring(0, 16) + ".bin";
        return new ExampleEmbeddingFile(directory.resolve(name), modelIdentity);
    }

    public Path path() {
        return file;
    }

    /**
     * What the file holds of these texts: their vectors, and whether it holds those texts and no others (then it
     * need not be written again).
     */
    public record Found(Map<String, float[]> vectors, boolean exactly) {
    }

    public Found read(Collection<String> texts) {
        Map<String, String> wanted = new HashMap<>();
        for (String text : texts) wanted.put(Sha256.hex(text), text);
        ByteBuffer in;
        try {
            in = ByteBuffer.wrap(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return new Found(Map.of(), false);
        } catch (IOException e) {
            return unreadable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Map<String, float[]> found = new LinkedHashMap<>();
        int held;
        try {
            if (in.getInt() != MAGIC) return unreadable("it is not a Carebot embeddings file");
            int identityLength = in.getInt();
            if (identityLength < 0 || identityLength > in.remaining()) return unreadable("its header is damaged");
            byte[] identity = new byte[identityLength];
            in.get(identity);
            if (!new String(identity, StandardCharsets.UTF_8).equals(modelIdentity)) {
                return unreadable("it holds another model's vectors");
            }
            int dimensions = in.getInt();
            held = in.getInt();
            if (dimensions <= 0 || held < 0) return unreadable("its header is damaged");
            if (in.remaining() != (long) held * (DIGEST_BYTES + 4L * dimensions)) {
                return unreadable("it holds " + in.remaining() + " bytes of vectors, not the " + held + " it says");
            }
            for (int row = 0; row < held; row++) {
                byte[] digest = new byte[DIGEST_BYTES];
                in.get(digest);
                float[] vector = new float[dimensions];
                in.asFloatBuffer().get(vector);
                in.position(in.position() + 4 * dimensions);
                String text = wanted.get(HexFormat.of().formatHex(digest));
                if (text != null) found.put(text, vector);
            }
        } catch (BufferUnderflowException e) {
            return unreadable("it is cut short");
        }
        return new Found(found, found.size() == wanted.size() && held == wanted.size());
    }

    private Found unreadable(String why) {
        log.info("Embedding the config examples again: {} cannot be used ({})", file, why);
        return new Found(Map.of(), false);
    }

    /**
     * Replaces the file with these texts' vectors, all of one length. Written beside it and moved over it, so a
     * reader finds the old file or the new one, never half of one.
     */
    public void write(Map<String, float[]> vectors) {
        if (vectors.isEmpty()) return;
        int dimensions = vectors.values().iterator().next().length;
        for (float[] vector : vectors.values()) {
            if (vector.length != dimensions) {
                throw new IllegalArgumentException("vectors of " + dimensions + " and " + vector.length + " dimensions");
            }
        }
        byte[] identity = modelIdentity.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(16 + identity.length + vectors.size() * (DIGEST_BYTES + 4 * dimensions));
        out.putInt(MAGIC).putInt(identity.length).put(identity).putInt(dimensions).putInt(vectors.size());
        vectors.forEach((text, vector) -> {
            out.put(Sha256.of(text));
            out.asFloatBuffer().put(vector);
            out.position(out.position() + 4 * dimensions);
        });
        Path temporary = null;
        try {
            Files.createDirectories(file.getParent());
            temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.write(temporary, out.array());
            move(temporary, file);
            log.info("Stored the embeddings of {} config examples in {}", vectors.size(), file);
        } catch (IOException e) {
            log.warn("Cannot store the config examples' embeddings in {} ({}: {}); the next start embeds them again",
                    file, e.getClass().getSimpleName(), e.getMessage());
            deleteQuietly(temporary);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) return;
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // Left behind in the store's directory; the warning above already names it.
        }
    }
}
