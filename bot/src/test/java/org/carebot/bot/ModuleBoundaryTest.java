package org.carebot.bot;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The modules the bot is built on keep to their side. Triage holds the decisions only: no HTTP, no chat platforms, no
 * LLM clients, no other Carebot module. Connectors read and write platforms; they know nothing of the bot, its web
 * server or Slack. Runs here, where both modules are siblings of the working directory (the bot module's).
 */
class ModuleBoundaryTest {

    /** A module's main sources, one file the scan must see, and the packages they may not use. */
    record Module(String name, Path sources, String knownSource, List<String> forbidden) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Module> modules() {
        return Stream.of(
                new Module("triage", Path.of("..", "triage", "src", "main", "java"),
                        "org/carebot/triage/CarebotTriageEngine.java",
                        List.of("org.carebot.bot", "org.carebot.connectors", "io.javalin", "com.slack",
                                "com.microsoft.bot", "dev.langchain4j")),
                new Module("connectors", Path.of("..", "connectors", "src", "main", "java"),
                        "org/carebot/connectors/telegram/TelegramWebhook.java",
                        List.of("org.carebot.bot", "io.javalin", "com.slack")));
    }

    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;");
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    private static List<Path> sources(Module module) throws IOException {
        try (Stream<Path> files = Files.walk(module.sources())) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean forbidden(Module module, String name) {
        return module.forbidden().stream().anyMatch(p -> name.equals(p) || name.startsWith(p + "."));
    }

    @ParameterizedTest
    @MethodSource("modules")
    void the_scan_sees_the_module_sources(Module module) throws IOException {
        List<Path> sources = sources(module);
        assertTrue(sources.contains(module.sources().resolve(module.knownSource())),
                "scanned " + module.sources().toAbsolutePath() + ": " + sources);
    }

    @ParameterizedTest
    @MethodSource("modules")
    void no_source_imports_a_forbidden_package(Module module) throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources(module)) {
            Matcher matcher = IMPORT.matcher(read(file));
            while (matcher.find()) {
                if (forbidden(module, matcher.group(1))) violations.add(file + ": import " + matcher.group(1));
            }
        }
        assertEquals(List.of(), violations);
    }

    @ParameterizedTest
    @MethodSource("modules")
    void no_source_names_a_forbidden_package_fully_qualified_either(Module module) throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources(module)) {
            String code = COMMENTS.matcher(read(file)).replaceAll(" ");
            for (String pkg : module.forbidden()) {
                if (Pattern.compile("(?<![\\w.])" + Pattern.quote(pkg) + "\\.").matcher(code).find()) {
                    violations.add(file + ": " + pkg);
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
