package org.carebot.triage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Embeds the normalized form of a text (lowercase, single spaces) and remembers the last {@code capacity} results:
 * during a flood the same words arrive again and again, and the model is the expensive part of triage.
 */
public final class CachingEmbedder implements TextEmbedder {

    private final TextEmbedder delegate;
    private final Map<String, float[]> cache;

    public CachingEmbedder(TextEmbedder delegate, int capacity) {
        this.delegate = delegate;
        this.cache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    static String normalize(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Remembers a text's embedding computed before (kept on disk, for one), as if it had been embedded here. */
    public void remember(String text, float[] vector) {
        synchronized (cache) {
            cache.put(normalize(text), vector);
        }
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<String> keys = texts.stream().map(CachingEmbedder::normalize).toList();
        Set<String> missingKeys = new LinkedHashSet<>();
        synchronized (cache) {
            for (String key : keys) if (!cache.containsKey(key)) missingKeys.add(key);
        }
        List<String> missing = List.copyOf(missingKeys);
        if (!missing.isEmpty()) {
            List<float[]> vectors = delegate.embedAll(missing);
            synchronized (cache) {
                for (int i = 0; i < missing.size(); i++) cache.put(missing.get(i), vectors.get(i));
            }
        }
        List<float[]> out = new ArrayList<>(keys.size());
        synchronized (cache) {
            for (String key : keys) out.add(cache.get(key));
        }
        for (int i = 0; i < out.size(); i++) {
            // Evicted between the two steps under heavy churn: embed it alone, outside the lock.
            if (out.get(i) == null) out.set(i, delegate.embed(keys.get(i)));
        }
        return out;
    }
}
