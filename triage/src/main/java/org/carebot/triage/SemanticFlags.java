package org.carebot.triage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sensitive content found by meaning: a post at least {@code threshold} similar to one of a flag's example posts gets
 * the flag. Catches what keywords cannot (indirect self-harm language, a legal threat in other words) in every
 * language the examples cover.
 */
public final class SemanticFlags {

    private final TextEmbedder embedder;
    private final Map<SensitiveFlag, List<float[]>> examples;
    private final double threshold;

    public SemanticFlags(TextEmbedder embedder, Map<SensitiveFlag, List<String>> examplePosts, double threshold) {
        this.embedder = embedder;
        this.threshold = threshold;
        this.examples = new EnumMap<>(SensitiveFlag.class);
        examplePosts.forEach((flag, posts) -> {
            if (!posts.isEmpty()) examples.put(flag, new ArrayList<>(embedder.embedAll(posts)));
        });
    }

    /** Flags nothing: for the keyword engine. */
    public static SemanticFlags none() {
        return new SemanticFlags(texts -> List.of(), Map.of(), 1.0);
    }

    public Set<SensitiveFlag> flagsOf(String text) {
        Set<SensitiveFlag> flags = EnumSet.noneOf(SensitiveFlag.class);
        if (examples.isEmpty()) return flags;
        float[] vector = embedder.embed(text);
        examples.forEach((flag, vectors) -> {
            for (float[] example : vectors) {
                if (TextEmbedder.cosine(vector, example) >= threshold) {
                    flags.add(flag);
                    return;
                }
            }
        });
        return flags;
    }
}
