package org.carebot.bot.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchJvmTest {

    private static final String[] TRIAGE = {"triage", "--in", "posts.jsonl", "--out", "out.jsonl"};

    /** Stands in for Main in the second JVM: writes its own JVM options to a file and exits with a given status. */
    public static final class WritesItsJvmOptions {
        public static void main(String[] args) throws Exception {
            Files.write(Path.of(args[0]), ManagementFactory.getRuntimeMXBean().getInputArguments());
            System.exit(Integer.parseInt(args[1]));
        }
    }

    @Test
    void the_batch_runs_in_a_c1_only_jvm_with_this_jvms_options_and_its_exit_status_is_the_commands(@TempDir Path dir)
            throws Exception {
        Path options = dir.resolve("options.txt");

        int status = BatchJvm.run(WritesItsJvmOptions.class, new String[]{options.toString(), "3"});

        assertEquals(3, status);
        List<String> childOptions = Files.readAllLines(options);
        assertTrue(childOptions.contains(BatchJvm.C1_ONLY), childOptions.toString());
        assertTrue(childOptions.containsAll(ManagementFactory.getRuntimeMXBean().getInputArguments()),
                childOptions.toString());
        assertTrue(BatchJvm.mustStayInThisJvm(childOptions), "the second JVM never starts a third");
    }

    @Test
    void triage_on_two_cores_runs_in_a_second_jvm_and_other_commands_do_not() {
        assertTrue(BatchJvm.wanted(TRIAGE, List.of("-Xmx1g"), 2));
        assertTrue(BatchJvm.wanted(new String[]{"triage", "--pairs", "--in", "p.jsonl", "--out", "o.jsonl"},
                List.of(), 1));
        assertFalse(BatchJvm.wanted(new String[]{"demo"}, List.of(), 2));
        assertFalse(BatchJvm.wanted(new String[]{"serve"}, List.of(), 2));
        assertFalse(BatchJvm.wanted(new String[0], List.of(), 2));
    }

    @Test
    void a_long_input_file_stays_with_c2_whose_faster_code_pays_for_its_compiling(@TempDir Path dir) throws Exception {
        Path shorter = Files.write(dir.resolve("short.jsonl"), Collections.nCopies(99, "{\"id\":1,\"text\":\"é\"}"));
        Path longer = Files.write(dir.resolve("long.jsonl"), Collections.nCopies(100, "{\"id\":1,\"text\":\"é\"}"));

        assertFalse(BatchJvm.inputHasAtLeast(new String[]{"triage", "--in", shorter.toString(), "--out", "o"}, 100));
        assertTrue(BatchJvm.inputHasAtLeast(new String[]{"triage", "--out", "o", "--in", longer.toString()}, 100));
        assertTrue(BatchJvm.inputHasAtLeast(new String[]{"triage", "--pairs", "--in", longer.toString()}, 100));
        assertFalse(BatchJvm.inputHasAtLeast(new String[]{"triage", "--in", dir.resolve("missing").toString()}, 100));
        assertFalse(BatchJvm.inputHasAtLeast(new String[]{"triage", "--in", dir.toString()}, 100), "a directory");
        assertFalse(BatchJvm.inputHasAtLeast(new String[]{"triage", "--in"}, 100));
    }

    @Test
    void with_more_cores_c2_compiles_on_its_own_and_the_batch_stays() {
        assertFalse(BatchJvm.wanted(TRIAGE, List.of(), 4));
    }

    @Test
    void a_jvm_that_chose_its_compiler_or_starts_what_a_second_jvm_would_start_again_is_used_as_it_is() {
        for (String option : List.of(BatchJvm.C1_ONLY, "-XX:+TieredCompilation",
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-javaagent:/opt/otel.jar",
                "-Dcom.sun.management.jmxremote.port=19010", "-XX:StartFlightRecording=filename=rec.jfr",
                "-Xlog:gc:file=gc.log")) {
            assertFalse(BatchJvm.wanted(TRIAGE, List.of("-Xmx1g", option), 2), option);
        }
    }
}
