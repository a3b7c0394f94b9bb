package org.carebot.bot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carebot.triage.Duplicates;
import org.carebot.triage.Fingerprint;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Offline duplicate check: JSONL in ({@code {"id","a","b"}}), JSONL out ({@code {"id","duplicate","score"}}), with the
 * same rules that join repeats to an open case. Bad lines are reported with their number and skipped.
 */
public final class PairsCommand {

    private static final int BATCH = 64;

    private final Function<List<String>, List<Fingerprint>> fingerprints;
    private final Duplicates duplicates;
    private final ObjectMapper mapper;

    public PairsCommand(Function<List<String>, List<Fingerprint>> fingerprints, Duplicates duplicates, ObjectMapper mapper) {
        this.fingerprints = fingerprints;
        this.duplicates = duplicates;
        this.mapper = mapper;
    }

    private record Pair(String id, String a, String b) {
    }

    public TriageCommand.Summary run(BufferedReader in, BufferedWriter out, PrintStream errors) throws IOException {
        int done = 0;
        int skipped = 0;
        int lineNumber = 0;
        List<Pair> batch = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) continue;
            try {
                batch.add(read(line));
            } catch (IllegalArgumentException e) {
                errors.println("line " + lineNumber + ": " + e.getMessage() + " (skipped)");
                skipped++;
                continue;
            }
            if (batch.size() == BATCH) done += write(batch, out);
        }
        done += write(batch, out);
        out.flush();
        return new TriageCommand.Summary(done, skipped);
    }

    /** Embeds a batch of pairs at once (the model is faster on batches), then writes one line per pair. */
    private int write(List<Pair> batch, BufferedWriter out) throws IOException {
        List<String> texts = new ArrayList<>();
        batch.forEach(pair -> {
            texts.add(pair.a());
            texts.add(pair.b());
        });
        List<Fingerprint> prints = texts.isEmpty() ? List.of() : fingerprints.apply(texts);
        for (int i = 0; i < batch.size(); i++) {
            Fingerprint a = prints.get(2 * i);
            Fingerprint b = prints.get(2 * i + 1);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("id", batch.get(i).id());
            result.put("duplicate", duplicates.match(a, b).isPresent());
            result.put("score", Math.round(duplicates.score(a, b) * 1000) / 1000.0);
            out.write(mapper.writeValueAsString(result));
            out.newLine();
        }
        int written = batch.size();
        batch.clear();
        return written;
    }

    private Pair read(String line) {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON");
        }
        if (node == null || !node.isObject()) throw new IllegalArgumentException("not a JSON object");
        JsonNode id = node.get("id");
        if (id == null || id.isNull() || id.isContainerNode() || id.asText().isBlank()) {
            throw new IllegalArgumentException("missing \"id\"");
        }
        for (String field : new String[]{"a", "b"}) {
            JsonNode text = node.get(field);
            if (text == null || !text.isTextual() || text.asText().isBlank()) {
                throw new IllegalArgumentException("missing \"" + field + "\" (a non-empty string)");
            }
        }
        return new Pair(id.asText(), node.get("a").asText(), node.get("b").asText());
    }
}
