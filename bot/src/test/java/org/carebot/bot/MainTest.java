package org.carebot.bot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    private record Outcome(int status, String errors) {
    }

    private static Outcome run(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            return new Outcome(Main.run(args, Map.of()), errors.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void a_missing_input_file_is_named(@TempDir Path dir) {
        Path missing = dir.resolve("posts.jsonl");

        Outcome outcome = run("triage", "--in", missing.toString(), "--out", dir.resolve("out.jsonl").toString());

        assertEquals(1, outcome.status());
        assertTrue(outcome.errors().contains("cannot read " + missing + ": no such file"), outcome.errors());
    }

    @Test
    void a_directory_as_input_is_refused_as_one(@TempDir Path dir) {
        Outcome outcome = run("triage", "--in", dir.toString(), "--out", dir.resolve("out.jsonl").toString());

        assertEquals(1, outcome.status());
        assertTrue(outcome.errors().contains("cannot read " + dir + ": it is a directory"), outcome.errors());
    }

    @Test
    void an_output_file_in_a_missing_directory_is_named_and_nothing_is_written(@TempDir Path dir) throws Exception {
        Path in = Files.writeString(dir.resolve("posts.jsonl"), "{\"id\":\"1\",\"text\":\"the app is down\"}\n");
        Path out = dir.resolve("no-such-dir").resolve("out.jsonl");

        Outcome outcome = run("triage", "--in", in.toString(), "--out", out.toString());

        assertEquals(1, outcome.status());
        assertTrue(outcome.errors().contains("cannot write " + out + ": no such directory"), outcome.errors());
        assertTrue(Files.notExists(out.getParent()));
    }

    @Test
    void an_unknown_option_is_refused_with_the_usage() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Main.run(new String[]{"triage", "--input", "x"}, Map.of()));

        assertTrue(refused.getMessage().startsWith("unknown option '--input'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("usage:"), refused.getMessage());
    }
}
