package org.carebot.triage;

import org.junit.jupiter.api.Test;

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

/** Triage holds the decisions only: no HTTP, no chat platforms, no LLM clients, no other Carebot module. */
class ModuleBoundaryTest {

    /** Surefire runs with the module directory as working directory. */
    private static final Path MAIN_SOURCES = Path.of("src", "main", "java");

    private static final List<String> FORBIDDEN = List.of(
            "org.carebot.bot", "org.carebot.connectors", "io.javalin", "com.slack", "com.microsoft.bot",
            "dev.langchain4j");

    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;");
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
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

    private static boolean forbidden(String name) {
        return FORBIDDEN.stream().anyMatch(p -> name.equals(p) || name.startsWith(p + "."));
    }

    @Test
    void the_scan_sees_the_triage_sources() throws IOException {
        List<Path> sources = sources();
        assertTrue(sources.contains(MAIN_SOURCES.resolve("org/carebot/triage/CarebotTriageEngine.java")),
                "scanned " + MAIN_SOURCES.toAbsolutePath() + ": " + sources);
    }

    @Test
    void no_triage_source_imports_the_bot_connectors_http_chat_or_llm_packages() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            Matcher matcher = IMPORT.matcher(read(file));
            while (matcher.find()) {
                if (forbidden(matcher.group(1))) violations.add(file + ": import " + matcher.group(1));
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void no_triage_source_names_those_packages_fully_qualified_either() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String code = COMMENTS.matcher(read(file)).replaceAll(" ");
            for (String pkg : FORBIDDEN) {
                if (Pattern.compile("(?<![\\w.])" + Pattern.quote(pkg) + "\\.").matcher(code).find()) {
                    violations.add(file + ": " + pkg);
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
