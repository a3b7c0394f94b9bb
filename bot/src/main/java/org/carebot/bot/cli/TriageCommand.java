package org.carebot.bot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carebot.triage.Post;
import org.carebot.triage.Route;
import org.carebot.triage.Router;
import org.carebot.triage.SensitiveFlag;
import org.carebot.triage.Triage;
import org.carebot.triage.TriageEngine;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offline batch triage: JSONL in ({@code {"id","text","platform"?}}), JSONL out. A bad line is reported with its
 * number and skipped; the rest is processed.
 */
public final class TriageCommand {

    /** Lines read ahead of the one written next. */
    private static final int IN_FLIGHT = 64;

    private final TriageEngine engine;
    private final Router router;
    private final ObjectMapper mapper;
    private final int workers;

    public TriageCommand(TriageEngine engine, Router router, ObjectMapper mapper) {
        this(engine, router, mapper, 1);
    }

    /** With {@code workers} threads triaging lines in parallel (the model runs one ONNX thread per call). */
    public TriageCommand(TriageEngine engine, Router router, ObjectMapper mapper, int workers) {
        this.engine = engine;
        this.router = router;
        this.mapper = mapper;
        this.workers = workers;
    }

    public JsonLines.Summary run(BufferedReader in, BufferedWriter out, PrintStream errors) throws IOException {
        return JsonLines.runOnWorkers(in, out, errors, mapper, IN_FLIGHT, workers, "triage", TriageCommand::read,
                this::result);
    }

    private static Post read(JsonNode line) {
        String id = JsonLines.id(line);
        String text = JsonLines.text(line, "text");
        JsonNode platform = line.get("platform");
        return Post.ofText(platform == null || !platform.isTextual() ? null : platform.asText(), id, text);
    }

    private Map<String, Object> result(Post post) {
        Triage triage = engine.triage(post);
        Route route = triage.spam() ? null : router.route(post, triage);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", post.platformId());
        out.put("intent", triage.intent());
        out.put("intent_confidence", triage.intentConfidence());
        out.put("priority", triage.priority().name());
        out.put("spam", triage.spam());
        out.put("sensitive", triage.sensitive().stream().map(SensitiveFlag::key).sorted().toList());
        out.put("human_only", triage.humanOnly());
        out.put("language", triage.language());
        out.put("queue", route == null ? null : route.queue());
        out.put("reasons", triage.reasons());
        return out;
    }
}
