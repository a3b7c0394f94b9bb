package org.carebot.triage;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Content that makes any reply need a human's approval. */
public enum SensitiveFlag {
    PERSONAL_DATA, LEGAL_THREAT, SELF_HARM, MEDICAL, FRAUD, SAFETY, MISINFORMATION;

    /** The name used in config, JSON and routing rules, e.g. {@code personal_data}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SensitiveFlag parse(String key) {
        try {
            return valueOf(key.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown sensitive flag '" + key + "' (expected one of "
                    + Arrays.stream(values()).map(SensitiveFlag::key).collect(Collectors.joining(", ")) + ")");
        }
    }
}
