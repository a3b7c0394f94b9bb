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

    public JsonLines.Summary run(BufferedReader in, BufferedWriter out, PrintStream errors) throws IOException {
        JsonLines.Summary summary = JsonLines.run(in, errors, mapper, BATCH, PairsCommand::read, batch -> write(batch, out));
        out.flush();
        return summary;
    }

    /** Embeds a batch of pairs at once (the model is faster on batches), then writes one line per pair. */
    private void write(List<Pair> batch, BufferedWriter out) throws IOException {
        List<String> texts = new ArrayList<>();
        batch.forEach(pair -> {
            texts.add(pair.a());
            texts.add(pair.b());
        });
        List<Fingerprint> prints = fingerprints.apply(texts);
        for (int i = 0; i < batch.size(); i++) {
            Fingerprint a = prints.get(2 * i);
            Fingerprint b = prints.get(2 * i + 1);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("id", batch.get(i).id());
            result.put("duplicate", duplicates.match(a, b).isPresent());
            result.put("score", Math.round(duplicates.score(a, b) * 1000) / 1000.0);
            JsonLines.writeLine(out, mapper, result);
        }
    }

    private static Pair read(JsonNode line) {
        return new Pair(JsonLines.id(line), JsonLines.text(line, "a"), JsonLines.text(line, "b"));
    }
}
