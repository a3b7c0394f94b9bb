package org.carebot.bot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLinesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String run(String input, int inFlight, JsonLines.LineProcessor<String> processor,
                              ByteArrayOutputStream errors, JsonLines.Summary[] summary) throws Exception {
        StringWriter out = new StringWriter();
        summary[0] = JsonLines.runOnWorkers(new BufferedReader(new StringReader(input)), new BufferedWriter(out),
                new PrintStream(errors, true, StandardCharsets.UTF_8), MAPPER, inFlight, 3, "work", JsonLines::id,
                processor);
        return out.toString();
    }

    @Test
    void results_come_out_in_input_order_however_long_each_line_takes_and_bad_lines_are_skipped() throws Exception {
        StringBuilder input = new StringBuilder();
        for (int i = 1; i <= 300; i++) input.append(i % 50 == 0 ? "not json" : "{\"id\":" + i + "}").append('\n');
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        JsonLines.Summary[] summary = new JsonLines.Summary[1];

        String out = run(input.toString(), 16, id -> {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(200_000));
            return Map.of("id", id);
        }, errors, summary);

        List<String> expected = IntStream.rangeClosed(1, 300).filter(i -> i % 50 != 0)
                .mapToObj(i -> "{\"id\":\"" + i + "\"}").toList();
        assertEquals(expected, out.lines().toList());
        assertEquals(new JsonLines.Summary(294, 6), summary[0]);
        assertTrue(errors.toString(StandardCharsets.UTF_8).contains("line 150: not valid JSON (skipped)"), errors::toString);
    }

    @Test
    void a_line_whose_work_fails_stops_the_run_with_what_failed() {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> run(
                "{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n", 2, id -> {
                    if (id.equals("2")) throw new IllegalArgumentException("model gone");
                    return Map.of("id", id);
                }, errors, new JsonLines.Summary[1]));
        assertTrue(failure.getMessage().startsWith("work failed: java.lang.IllegalArgumentException: model gone"),
                failure.getMessage());
    }
}
