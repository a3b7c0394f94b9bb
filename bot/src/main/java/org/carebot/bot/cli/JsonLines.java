package org.carebot.bot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The offline commands' shared loop: read JSONL, report a bad line with its number and skip it, process each good
 * line on a pool of workers and write the results in input order.
 */
public final class JsonLines {

    /** How many lines were processed and how many were skipped. */
    public record Summary(int processed, int skipped) {
    }

    interface LineReader<T> {
        /** Reads one line's object; an IllegalArgumentException says what is wrong with it. */
        T read(JsonNode line);
    }

    interface LineProcessor<T> {
        /** The object written as the output line for one input line; runs on a worker thread. */
        Object process(T item);
    }

    private JsonLines() {
    }

    /**
     * Reads {@code in}, processes each good line on {@code workers} threads while the next lines are read, and writes
     * one output line per good input line in input order. At most {@code inFlight} lines are read ahead of the one
     * written next, so memory stays bounded however long the input is; no worker waits for a batch to end.
     * {@code what} names the work in the error of a line that fails.
     */
    static <T> Summary runOnWorkers(BufferedReader in, BufferedWriter out, PrintStream errors, ObjectMapper mapper,
                                    int inFlight, int workers, String what, LineReader<T> reader,
                                    LineProcessor<T> processor) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        Deque<Future<Object>> pending = new ArrayDeque<>();
        try {
            Summary summary = run(in, errors, mapper, reader, item -> {
                pending.add(pool.submit(() -> processor.process(item)));
                if (pending.size() >= inFlight) writeLine(out, mapper, await(pending.remove(), what));
            });
            while (!pending.isEmpty()) writeLine(out, mapper, await(pending.remove(), what));
            out.flush();
            return summary;
        } finally {
            pool.shutdownNow();
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

    interface LineSink<T> {
        void accept(T item) throws IOException;
    }

    /** Hands each good line's object to {@code sink} in input order; a bad line is reported and skipped. */
    static <T> Summary run(BufferedReader in, PrintStream errors, ObjectMapper mapper, LineReader<T> reader,
                           LineSink<T> sink) throws IOException {
        int processed = 0;
        int skipped = 0;
        int lineNumber = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) continue;
            T item;
            try {
                item = reader.read(object(mapper, line));
            } catch (IllegalArgumentException e) {
                errors.println("line " + lineNumber + ": " + e.getMessage() + " (skipped)");
                skipped++;
                continue;
            }
            sink.accept(item);
            processed++;
        }
        return new Summary(processed, skipped);
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
