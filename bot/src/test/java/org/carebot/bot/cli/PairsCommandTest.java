package org.carebot.bot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carebot.bot.config.ConfigLoader;
import org.carebot.bot.intake.TriageKit;
import org.carebot.bot.support.TestCarebot;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PairsCommandTest {

    @Test
    void pairs_get_a_duplicate_verdict_and_a_score_and_bad_lines_are_reported() throws Exception {
        TriageKit kit = TriageKit.build(new ConfigLoader(Map.of()).load(TestCarebot.CONFIG));
        ObjectMapper mapper = new ObjectMapper();
        PairsCommand command = new PairsCommand(kit::fingerprints, kit.duplicates(), mapper, 2);
        StringWriter out = new StringWriter();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();

        JsonLines.Summary summary = command.run(new BufferedReader(new StringReader("""
                {"id":"p1","a":"Is @AcmeCloud down?? can't log in","b":"RT @dana: is acmecloud down?? cant log in 😡"}
                {"id":"p2","a":"Refund for my March invoice please","b":"How do I change the address on my invoices?"}
                {"id":"p3","a":"only one side"}
                {"id":"p4","a":"Die App stürzt beim Hochladen ab","b":"Die App stürzt beim Hochladen ab!!! #bug"}
                """)), new BufferedWriter(out), new PrintStream(errors, true, StandardCharsets.UTF_8));

        List<JsonNode> lines = out.toString().lines().map(l -> {
            try {
                return mapper.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertEquals(new JsonLines.Summary(3, 1), summary);
        assertTrue(errors.toString(StandardCharsets.UTF_8).contains("line 3: missing \"b\""));
        assertEquals(List.of("p1", "p2", "p4"), lines.stream().map(l -> l.get("id").asText()).toList());
        assertTrue(lines.get(0).get("duplicate").asBoolean());
        assertTrue(lines.get(0).get("score").asDouble() >= 0.9, "a retweet with a typo fixed: " + lines.get(0));
        assertEquals(false, lines.get(1).get("duplicate").asBoolean());
        assertTrue(lines.get(1).get("score").asDouble() < 0.88);
        assertTrue(lines.get(2).get("duplicate").asBoolean());
    }
}
