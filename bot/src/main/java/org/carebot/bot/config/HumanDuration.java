package org.carebot.bot.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people write them in config: {@code 30m}, {@code 2h}, {@code 1d}, {@code 1h30m}. */
final class HumanDuration extends StdScalarDeserializer<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

    HumanDuration() {
        super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = parser.getValueAsString();
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return (Duration) context.handleWeirdStringValue(Duration.class, text, e.getMessage());
        }
    }

    static Duration parse(String text) {
        String compact = text == null ? "" : text.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
        Matcher matcher = PART.matcher(compact);
        Duration total = Duration.ZERO;
        int consumed = 0;
        while (matcher.find() && matcher.start() == consumed) {
            long amount = Long.parseLong(matcher.group(1));
            total = total.plus(switch (matcher.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            });
            consumed = matcher.end();
        }
        if (compact.isEmpty() || consumed != compact.length() || total.isZero()) {
            throw new IllegalArgumentException("expected a duration like 30m, 2h, 1d or 1h30m, got '" + text + "'");
        }
        return total;
    }
}
