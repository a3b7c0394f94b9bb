package org.carebot.bot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.config.ConfigLoader;
import org.carebot.bot.intake.TriageKit;
import org.carebot.bot.support.TestCarebot;
import org.junit.jupiter.api.BeforeAll;
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

class TriageCommandTest {

    private static TriageCommand command;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @BeforeAll
    static void build() {
        CarebotConfig config = new ConfigLoader(Map.of()).load(TestCarebot.CONFIG);
        TriageKit triage = TriageKit.build(config);
        command = new TriageCommand(triage.engine(), triage.router(), MAPPER);
    }

    private record Run(List<JsonNode> out, String errors, JsonLines.Summary summary) {
    }

    private static Run run(String input) throws Exception {
        StringWriter out = new StringWriter();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        JsonLines.Summary summary = command.run(new BufferedReader(new StringReader(input)),
                new BufferedWriter(out), new PrintStream(errors, true, StandardCharsets.UTF_8));
        List<JsonNode> lines = out.toString().lines().map(line -> {
            try {
                return MAPPER.readTree(line);
            } catch (Exception e) {
                throw new AssertionError(line, e);
            }
        }).toList();
        return new Run(lines, errors.toString(StandardCharsets.UTF_8), summary);
    }

    @Test
    void each_line_gets_the_documented_fields() throws Exception {
        Run run = run("""
                {"id":"a1","text":"You charged me twice this month, I want a refund","platform":"x"}
                {"id":"a2","text":"FREE crypto giveaway!! send 0.1 ETH get 1 ETH back, DM me"}
                """);

        assertEquals(2, run.out().size());
        JsonNode billing = run.out().get(0);
        assertEquals(List.of("id", "intent", "intent_confidence", "priority", "spam", "sensitive", "human_only",
                "language", "queue", "reasons"), iterable(billing.fieldNames()));
        assertEquals("billing_issue", billing.get("intent").asText());
        assertEquals("billing", billing.get("queue").asText());
        assertEquals("en", billing.get("language").asText());
        JsonNode spam = run.out().get(1);
        assertTrue(spam.get("spam").asBoolean());
        assertEquals("spam_or_scam", spam.get("intent").asText());
        assertTrue(spam.get("queue").isNull(), "suppressed posts go to no queue");
    }

    @Test
    void bad_lines_are_reported_with_their_number_and_skipped() throws Exception {
        Run run = run("""
                {"id":"b1","text":"Mein Konto ist gesperrt, Passwort zurücksetzen geht nicht"}
                not json at all
                {"id":"b3"}
                {"text":"no id here"}

                {"id":"b6","text":"Mi abogado les va a demandar por el cobro doble"}
                """);

        assertEquals(new JsonLines.Summary(2, 3), run.summary());
        assertTrue(run.errors().contains("line 2: not valid JSON"), run.errors());
        assertTrue(run.errors().contains("line 3: missing \"text\""), run.errors());
        assertTrue(run.errors().contains("line 4: missing \"id\""), run.errors());
        assertEquals("account_access", run.out().get(0).get("intent").asText());
        assertEquals("de", run.out().get(0).get("language").asText());
        JsonNode legal = run.out().get(1);
        assertEquals("es", legal.get("language").asText());
        assertTrue(legal.get("sensitive").toString().contains("legal_threat"), legal.toString());
        assertTrue(legal.get("human_only").asBoolean());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
