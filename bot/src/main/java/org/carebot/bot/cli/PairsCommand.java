package org.carebot.bot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carebot.triage.Duplicates;
import org.carebot.triage.Fingerprint;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Offline duplicate check: JSONL in ({@code {"id","a","b"}}), JSONL out ({@code {"id","duplicate","score"}}), with the
 * same rules that join repeats to an open case. Bad lines are reported with their number and skipped.
 */
public final class PairsCommand {

    /** Lines read ahead of the one written next. */
    private static final int IN_FLIGHT = 64;

    private final Function<List<String>, List<Fingerprint>> fingerprints;
    private final Duplicates duplicates;
    private final ObjectMapper mapper;
    private final int workers;

    /** With {@code workers} threads fingerprinting pairs in parallel (the model runs one ONNX thread per call). */
    public PairsCommand(Function<List<String>, List<Fingerprint>> fingerprints, Duplicates duplicates, ObjectMapper mapper,
                        int workers) {
        this.fingerprints = fingerprints;
        this.duplicates = duplicates;
        this.mapper = mapper;
        this.workers = workers;
    }

    private record Pair(String id, String a, String b) {
    }

    public JsonLines.Summary run(BufferedReader in, BufferedWriter out, PrintStream errors) throws IOException {
        return JsonLines.runOnWorkers(in, out, errors, mapper, IN_FLIGHT, workers, "comparison", PairsCommand::read,
                this::compare);
    }

    private Map<String, Object> compare(Pair pair) {
        List<Fingerprint> prints = fingerprints.apply(List.of(pair.a(), pair.b()));
        Fingerprint a = prints.get(0);
        Fingerprint b = prints.get(1);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", pair.id());
        result.put("duplicate", duplicates.match(a, b).isPresent());
        result.put("score", Math.round(duplicates.score(a, b) * 1000) / 1000.0);
        return result;
    }

    private static Pair read(JsonNode line) {
        return new Pair(JsonLines.id(line), JsonLines.text(line, "a"), JsonLines.text(line, "b"));
    }
}
