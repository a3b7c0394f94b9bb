package org.carebot.triage;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

import java.util.List;
import java.util.Locale;

/** Language detection with Lingua, restricted to the languages in config. */
public final class LanguageGuess {

    private final LanguageDetector detector;

    public LanguageGuess(List<String> isoCodes) {
        if (isoCodes.size() < 2) {
            throw new IllegalArgumentException("language detection needs at least two languages, got " + isoCodes);
        }
        IsoCode639_1[] codes = isoCodes.stream().map(LanguageGuess::isoCode).toArray(IsoCode639_1[]::new);
        // Low-accuracy mode (trigrams only) answered the dev set's five languages as well as the full models (0.993)
        // and cut triage's Lingua time by about two thirds; see docs/PERFORMANCE.md.
        this.detector = LanguageDetectorBuilder.fromIsoCodes639_1(codes).withPreloadedLanguageModels()
                .withLowAccuracyMode().build();
    }

    /** ISO 639-1 code, or {@code und} when the text gives too little to tell. */
    public String detect(String text) {
        Language language = detector.detectLanguageOf(text);
        if (language == Language.UNKNOWN) return Triage.UNDETERMINED_LANGUAGE;
        return language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }

    public static IsoCode639_1 isoCode(String code) {
        try {
            return IsoCode639_1.valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ISO 639-1 language code '" + code + "'");
        }
    }
}
