package org.carebot.bot.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the offline batch commands in a second JVM that compiles with C1 only ({@value #C1_ONLY}).
 *
 * <p>Why: on a two-core machine the model's two threads keep both cores busy, and in a run of a few thousand posts
 * the C2 compiler, still optimising the engine, Lingua, libphonenumber and the regex code it is given, takes a third
 * of the CPU the run has (9 s of 21 s for 5,013 posts). C1's code is slower once C2 has caught up, which is why the
 * service keeps the default; for a batch, C1 alone triaged the same 1,671 posts at 314-318 posts/s instead of
 * 209-227, with identical output (docs/PERFORMANCE.md).
 *
 * <p>A JVM whose options already choose a compiler ({@code TieredStopAtLevel}, {@code TieredCompilation}) is used as
 * it is; so is one running an agent or a debugger, which a second JVM would not carry.
 */
public final class BatchJvm {

    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    private BatchJvm() {
    }

    /** Whether these command-line arguments name a batch command that should run in a C1-only JVM. */
    public static boolean wanted(String[] args) {
        return args.length > 0 && args[0].equals("triage") && !choosesItsOwnJit(jvmOptions());
    }

    static boolean choosesItsOwnJit(List<String> jvmOptions) {
        return jvmOptions.stream().anyMatch(option -> option.contains("TieredStopAtLevel")
                || option.contains("TieredCompilation") || option.startsWith("-agentlib")
                || option.startsWith("-agentpath") || option.startsWith("-javaagent") || option.startsWith("-Xrun"));
    }

    /**
     * Runs {@code mainClass} with {@code args} in a C1-only JVM with this JVM's own options and class path, sharing
     * this process's standard streams, and returns its exit status. Stopping this process stops it too.
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
        Process batch = new ProcessBuilder(command).inheritIO().start();
        Thread stopBatch = new Thread(batch::destroy, "carebot-stop-batch");
        Runtime.getRuntime().addShutdownHook(stopBatch);
        int status = batch.waitFor();
        Runtime.getRuntime().removeShutdownHook(stopBatch);
        return status;
    }

    private static List<String> jvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments();
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
