package org.carebot.bot.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchJvmTest {

    /** Stands in for Main in the second JVM: writes its own JVM options to a file and exits with a given status. */
    public static final class WritesItsJvmOptions {
        public static void main(String[] args) throws Exception {
            Files.write(Path.of(args[0]), ManagementFactory.getRuntimeMXBean().getInputArguments());
            System.exit(Integer.parseInt(args[1]));
        }
    }

    @Test
    void the_batch_runs_in_a_c1_only_jvm_and_its_exit_status_is_the_commands(@TempDir Path dir) throws Exception {
        Path options = dir.resolve("options.txt");

        int status = BatchJvm.run(WritesItsJvmOptions.class, new String[]{options.toString(), "3"});

        assertEquals(3, status);
        assertTrue(Files.readAllLines(options).contains(BatchJvm.C1_ONLY), Files.readString(options));
    }

    @Test
    void only_the_triage_commands_are_batches() {
        assertFalse(BatchJvm.wanted(new String[]{"demo"}));
        assertFalse(BatchJvm.wanted(new String[]{"serve"}));
        assertFalse(BatchJvm.wanted(new String[0]));
    }

    @Test
    void a_jvm_that_chose_its_compiler_or_runs_an_agent_is_used_as_it_is() {
        assertTrue(BatchJvm.choosesItsOwnJit(List.of("-Xmx1g", BatchJvm.C1_ONLY)));
        assertTrue(BatchJvm.choosesItsOwnJit(List.of("-XX:+TieredCompilation")));
        assertTrue(BatchJvm.choosesItsOwnJit(List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005")));
        assertTrue(BatchJvm.choosesItsOwnJit(List.of("-javaagent:/opt/otel.jar")));
        assertFalse(BatchJvm.choosesItsOwnJit(List.of("-Xmx1g", "-Dfile.encoding=UTF-8")));
    }
}
