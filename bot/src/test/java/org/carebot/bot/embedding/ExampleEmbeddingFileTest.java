package org.carebot.bot.embedding;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExampleEmbeddingFileTest {

    private static final String MODEL = "model sha256:ab12 tokenizer sha256:cd34 pooling:mean onnxruntime:1.20.0";

    private static Map<String, float[]> vectors(String... texts) {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        for (int i = 0; i < texts.length; i++) vectors.put(texts[i], new float[]{i, -i / 3f, Float.MIN_VALUE, 1e30f});
        return vectors;
    }

    @Test
    void vectors_come_back_as_written_for_the_texts_asked_for(@TempDir Path dir) {
        ExampleEmbeddingFile file = ExampleEmbeddingFile.in(dir.resolve("store"), MODEL);
        Map<String, float[]> written = vectors("I was charged twice", "¿Dónde está mi reembolso? 😡", "app down");
        file.write(written);

        ExampleEmbeddingFile.Found all = ExampleEmbeddingFile.in(dir.resolve("store"), MODEL).read(written.keySet());
        assertTrue(all.exactly());
        assertEquals(written.keySet(), all.vectors().keySet());
        written.forEach((text, vector) -> assertArrayEquals(vector, all.vectors().get(text), text));

        ExampleEmbeddingFile.Found some = file.read(List.of("app down", "a text never embedded"));
        assertEquals(List.of("app down"), List.copyOf(some.vectors().keySet()));
        assertFalse(some.exactly(), "a text is missing: the file is written again");
        assertFalse(file.read(List.of("app down")).exactly(), "the file holds texts no longer asked for");
    }

    @Test
    void another_model_finds_a_file_of_its_own(@TempDir Path dir) {
        ExampleEmbeddingFile.in(dir, MODEL).write(vectors("app down"));
        ExampleEmbeddingFile other = ExampleEmbeddingFile.in(dir, MODEL.replace("1.20.0", "1.23.2"));

        assertTrue(other.read(List.of("app down")).vectors().isEmpty());
        other.write(vectors("app down"));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_damaged_or_foreign_file_is_ignored_and_then_replaced(@TempDir Path dir) throws Exception {
        ExampleEmbeddingFile file = ExampleEmbeddingFile.in(dir, MODEL);
        file.write(vectors("app down", "charged twice"));
        byte[] whole = Files.readAllBytes(file.path());

        Files.write(file.path(), Arrays.copyOf(whole, whole.length - 5));
        assertTrue(file.read(List.of("app down")).vectors().isEmpty(), "cut short");
        Files.write(file.path(), Arrays.copyOf(whole, 10));
        assertTrue(file.read(List.of("app down")).vectors().isEmpty(), "cut inside the header");
        Files.writeString(file.path(), "not an embeddings file at all");
        assertTrue(file.read(List.of("app down")).vectors().isEmpty(), "foreign");
        byte[] hugeIdentity = whole.clone();
        java.nio.ByteBuffer.wrap(hugeIdentity).putInt(4, Integer.MAX_VALUE);
        Files.write(file.path(), hugeIdentity);
        assertTrue(file.read(List.of("app down")).vectors().isEmpty(), "a length no file holds is not allocated");

        file.write(vectors("app down"));
        assertTrue(file.read(List.of("app down")).exactly());
    }

    @Test
    void a_directory_that_cannot_be_written_costs_nothing_but_the_next_start_time(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("occupied"), "a file where the store's directory should be");
        ExampleEmbeddingFile file = ExampleEmbeddingFile.in(notADirectory, MODEL);

        file.write(vectors("app down"));

        assertTrue(file.read(List.of("app down")).vectors().isEmpty());
        assertEquals("a file where the store's directory should be", Files.readString(notADirectory));
    }
}
