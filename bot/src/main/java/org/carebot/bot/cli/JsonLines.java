package org.carebot.bot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The offline commands' shared loop: read JSONL, report a bad line with its number and skip it, hand the good ones
 * over in batches, in input order, or process each line on a pool of workers and write the results in input order.
 */
public final class JsonLines {

    /** How many lines were processed and how many were skipped. */
    public record Summary(int processed, int skipped) {
    }

    interface LineReader<T> {
        /** Reads one line's object; an IllegalArgumentException says what is wrong with it. */
        T read(JsonNode line);
    }

    interface BatchWriter<T> {
        void write(List<T> batch) throws IOException;
    }

    interface LineProcessor<T> {
        /** The object written as the output line for one input line; runs on a worker thread. */
        Object process(T item);
    }

    private JsonLines() {
    }

    /**
     * Reads {@code in} in batches, processes each line of a batch on {@code workers} threads, and writes one output
     * line per input line in input order. {@code what} names the work in the error of a line that fails.
     */
    static <T> Summary runOnWorkers(BufferedReader in, BufferedWriter out, PrintStream errors, ObjectMapper mapper,
                                    int batchSize, int workers, String what, LineReader<T> reader,
                                    LineProcessor<T> processor) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            Summary summary = run(in, errors, mapper, batchSize, reader, batch -> {
                List<Future<Object>> results = new ArrayList<>();
                for (T item : batch) results.add(pool.submit(() -> processor.process(item)));
                for (Future<Object> result : results) writeLine(out, mapper, await(result, what));
            });
            out.flush();
            return summary;
        } finally {
            pool.shutdown();
        }
    }

    private static Object await(Future<Object> result, String what) throws IOException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        }
    }

    static <T> Summary run(BufferedReader in, PrintStream errors, ObjectMapper mapper, int batchSize,
                           LineReader<T> reader, BatchWriter<T> writer) throws IOException {
        int processed = 0;
        int skipped = 0;
        int lineNumber = 0;
        List<T> batch = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) continue;
            try {
                batch.add(reader.read(object(mapper, line)));
            } catch (IllegalArgumentException e) {
                errors.println("line " + lineNumber + ": " + e.getMessage() + " (skipped)");
                skipped++;
                continue;
            }
            if (batch.size() == batchSize) processed += flush(batch, writer);
        }
        processed += flush(batch, writer);
        return new Summary(processed, skipped);
    }

    private static <T> int flush(List<T> batch, BatchWriter<T> writer) throws IOException {
        if (batch.isEmpty()) return 0;
        writer.write(List.copyOf(batch));
        int written = batch.size();
        batch.clear();
        return written;
    }

    private static JsonNode object(ObjectMapper mapper, String line) {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON");
        }
        if (node == null || !node.isObject()) throw new IllegalArgumentException("not a JSON object");
        return node;
    }

    /** The line's id: a string or number, required. */
    static String id(JsonNode line) {
        JsonNode id = line.get("id");
        if (id == null || id.isNull() || id.isContainerNode() || id.asText().isBlank()) {
            throw new IllegalArgumentException("missing \"id\"");
        }
        return id.asText();
    }

    /** A required non-empty string field. */
    static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("missing \"" + field + "\" (a non-empty string)");
        }
        return value.asText();
    }

    static void writeLine(BufferedWriter out, ObjectMapper mapper, Object value) throws IOException {
        out.write(mapper.writeValueAsString(value));
        out.newLine();
    }
}
