package org.carebot.bot.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads {@code carebot.yml}: replaces {@code ${NAME}} and {@code ${NAME:-default}} with environment values, maps the
 * YAML onto {@link CarebotConfig} and validates it. Every failure is a {@link ConfigException} whose message names
 * the file, the path inside it (for example {@code queues[2].sla.first_response}) and the problem.
 */
public final class ConfigLoader {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Map<String, String> environment;
    private final ObjectMapper yaml;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.yaml = YAMLMapper.builder(new YAMLFactory())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .addModule(new SimpleModule().addDeserializer(Duration.class, new HumanDuration()))
                .build();
    }

    public CarebotConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": file not found (set CAREBOT_CONFIG to the path of carebot.yml)");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    /** Parses config text; {@code source} names it in error messages. */
    public CarebotConfig parse(String source, String text) {
        String resolved = interpolate(source, text);
        CarebotConfig config;
        try {
            config = yaml.readValue(resolved, CarebotConfig.class);
        } catch (JsonMappingException e) {
            throw new ConfigException(source + ": " + describe(e), e);
        } catch (JacksonException e) {
            throw new ConfigException(source + ": " + where(e.getLocation()) + "not valid YAML: "
                    + e.getOriginalMessage(), e);
        }
        if (config == null) throw new ConfigException(source + ": the file is empty");
        List<String> problems = new ConfigValidator(config).problems();
        if (!problems.isEmpty()) {
            throw new ConfigException(source + ": " + String.join("\n" + source + ": ", problems));
        }
        return config;
    }

    private String interpolate(String source, String text) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) out.append('\n');
            String line = lines[i];
            if (line.stripLeading().startsWith("#")) {
                out.append(line);
                continue;
            }
            Matcher matcher = VARIABLE.matcher(line);
            StringBuilder replaced = new StringBuilder();
            while (matcher.find()) {
                String value = environment.get(matcher.group(1));
                if (value == null || value.isEmpty()) value = matcher.group(2);
                if (value == null) {
                    throw new ConfigException(source + ": line " + (i + 1) + ": environment variable "
                            + matcher.group(1) + " is not set and has no default (write ${"
                            + matcher.group(1) + ":-default})");
                }
                matcher.appendReplacement(replaced, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(replaced);
            out.append(replaced);
        }
        return out.toString();
    }

    private static String describe(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(ref.getFieldName());
            }
        }
        String message = e.getOriginalMessage().replaceAll(" \\(for Object starting at.*", "")
                .replaceAll("\\s*\\(class [^)]*\\)", "")
                .replaceAll("\\s*at \\[Source:.*", "");
        return (path.isEmpty() ? "" : path + ": ") + where(e.getLocation()) + message;
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? "" : "(line " + location.getLineNr() + ") ";
    }
}
