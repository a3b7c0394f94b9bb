package org.carebot.bot.cases;

import java.util.List;
import java.util.function.Predicate;

/**
 * How far triage agreed with people on one label (an intent, a sensitive flag) over the cases they judged: of the
 * cases triage gave the label, the share people left with it (precision); of the cases people left with it, the share
 * triage had given it (recall); and how many cases people left with it.
 */
record Agreement(double precision, double recall, int actual) {

    static <J> Agreement of(List<J> judged, Predicate<J> predicted, Predicate<J> actual) {
        long predictedCount = judged.stream().filter(predicted).count();
        long actualCount = judged.stream().filter(actual).count();
        long right = judged.stream().filter(predicted.and(actual)).count();
        return new Agreement(predictedCount == 0 ? 0 : (double) right / predictedCount,
                actualCount == 0 ? 0 : (double) right / actualCount, (int) actualCount);
    }
}
