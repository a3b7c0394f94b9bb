package org.carebot.bot.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the offline batch commands in a second JVM that compiles with C1 only ({@value #C1_ONLY}).
 *
 * <p>Why: on a two-core machine the model's two threads keep both cores busy, and in a run of a few thousand posts
 * the C2 compiler, still optimising the engine, Lingua, libphonenumber and the regex code it is given, takes a third
 * of the CPU the run has (9 s of 21 s for 5,013 posts). C1's code is slower once C2 has caught up, which is why the
 * service keeps the default; for a batch, C1 alone triaged the same 1,671 posts at 267-340 posts/s instead of
 * 207-228, with identical output (docs/PERFORMANCE.md). With more cores, C2 compiles on a core of its own, and on
 * a long input ({@value #C2_PAYS_OFF_AT_LINES} lines or more) its faster code makes up for its compiling: in either
 * case the batch stays in this JVM.
 *
 * <p>A JVM whose options choose a compiler, or start something a second JVM would start again (an agent, a
 * debugger, JMX on a port, a flight recording, a log or archive file), is used as it is.
 */
public final class BatchJvm {

    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    /** The triage workers' default: with this many cores or fewer, C2 competes with the model. */
    static final int MAX_CORES = 2;
    /**
     * From this many input lines on, C2's compiling has paid for itself and the batch stays in this JVM: triaging
     * 24,000 posts ran at 367-400 posts/s with C2 against 315-339 with C1 alone, 12,000 and 8,000 were even, 1,671 ran
     * at 214-256 against 289-329 (docs/PERFORMANCE.md).
     */
    static final int C2_PAYS_OFF_AT_LINES = 10_000;
    /** Forwarded as this JVM's options; left in the environment, the second JVM would apply them twice. */
    private static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
    private static final long STOP_WAIT_SECONDS = 10;

    private BatchJvm() {
    }

    /** Whether these command-line arguments name a batch command that should run in a C1-only JVM. */
    public static boolean wanted(String[] args) {
        return wanted(args, jvmOptions(), Runtime.getRuntime().availableProcessors())
                && !inputHasAtLeast(args, C2_PAYS_OFF_AT_LINES);
    }

    static boolean wanted(String[] args, List<String> jvmOptions, int cores) {
        return args.length > 0 && args[0].equals("triage") && cores <= MAX_CORES && !mustStayInThisJvm(jvmOptions);
    }

    /**
     * Whether {@code --in} names a regular file of at least {@code lines} lines. A pipe is not counted (it can be read
     * once only), nor a file that cannot be read: the command itself says what is wrong with it.
     */
    static boolean inputHasAtLeast(String[] args, int lines) {
        for (int i = 1; i + 1 < args.length; i++) {
            if (!args[i].equals("--in")) continue;
            Path in = Path.of(args[i + 1]);
            if (!Files.isRegularFile(in)) return false;
            // Latin-1 decodes any byte, so a line count never fails on the text's encoding.
            try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.ISO_8859_1)) {
                int counted = 0;
                while (counted < lines && reader.readLine() != null) counted++;
                return counted >= lines;
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    static boolean mustStayInThisJvm(List<String> jvmOptions) {
        return jvmOptions.stream().anyMatch(option -> option.contains("TieredStopAtLevel")
                || option.contains("TieredCompilation") || option.startsWith("-agentlib")
                || option.startsWith("-agentpath") || option.startsWith("-javaagent") || option.startsWith("-Xrun")
                || option.startsWith("-Xdebug") || option.startsWith("-Dcom.sun.management.jmxremote")
                || option.contains("FlightRecord") || option.startsWith("-Xlog") || option.contains("ArchiveClassesAtExit"));
    }

    /**
     * Runs {@code mainClass} with {@code args} in a C1-only JVM with this JVM's own options and class path, sharing
     * this process's standard streams, and returns its exit status. Stopping this process stops it first.
     */
    public static int run(Class<?> mainClass, String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions());
        command.add(C1_ONLY);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        OPTION_VARIABLES.forEach(builder.environment()::remove);
        Process batch = builder.start();
        Thread stopBatch = new Thread(() -> stop(batch), "carebot-stop-batch");
        Runtime.getRuntime().addShutdownHook(stopBatch);
        int status = batch.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stopBatch);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it finds the batch ended.
        }
        return status;
    }

    /** Asks the batch to stop and waits for its own shutdown, so this process does not end first. */
    private static void stop(Process batch) {
        batch.destroy();
        try {
            if (!batch.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) batch.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            batch.destroyForcibly();
        }
    }

    private static List<String> jvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments();
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
